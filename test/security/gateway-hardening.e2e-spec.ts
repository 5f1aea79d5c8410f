import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';

describe('the gateway refuses abusive requests before they run', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({ label: 'hardening' });
  });
  after(() => system?.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(system.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.admin.token}`, ...headers },
      body,
    });

  it('refuses a query nested deeper than the limit', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `organisation { people { nodes { ${selection} } } }`;
    const errors = await system.admin.errors(`{ people { nodes { ${selection} } } }`);
    assert.match(errors[0].message, /depth/i);
  });

  it('refuses a very wide query by its cost, counting lists by first', async () => {
    const errors = await system.admin.errors(
      '{ people(first: 500) { nodes { movements(first: 100) { nodes { id location kind occurredAt } } } } }',
    );
    assert.equal(errors[0].extensions?.code, 'BAD_USER_INPUT');
    assert.match(errors[0].message, /cost/);
  });

  it('refuses first above 500, also through a variable', async () => {
    const errors = await system.admin.errors(
      'query($n: Int) { people(first: $n) { totalCount } }',
      { n: 501 },
    );
    assert.equal(errors[0].extensions?.code, 'BAD_USER_INPUT');
    assert.match(errors[0].message, /at most 500/);
  });

  it('refuses too many aliases', async () => {
    const fields = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(' ');
    const errors = await system.admin.errors(`{ ${fields} }`);
    assert.match(errors[0].message, /alias/i);
  });

  it('refuses a request a browser could send without a preflight', async () => {
    const res = await post(JSON.stringify({ query: '{ me { id } }' }), {
      'content-type': 'text/plain',
    });
    assert.equal(res.status, 403);
    const get = await fetch(`${system.url}?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { authorization: `Bearer ${system.admin.token}` },
    });
    assert.equal(get.status, 403);
  });

  it('accepts a large body only for the CSV import, and nothing above the import limit', async () => {
    const padding = 'x'.repeat(2 * 1024 * 1024);
    const big = await post(JSON.stringify({ query: '{ me { id } }', variables: { padding } }), {
      'content-type': 'application/json',
    });
    assert.equal(big.status, 413);
    const importing = await post(
      JSON.stringify({
        query: 'mutation($input: ImportPeopleInput!) { importPeople(input: $input) { created } }',
        variables: {
          input: {
            organisationId: '00000000-0000-0000-0000-000000000000',
            csv: padding,
            dryRun: true,
          },
        },
      }),
      { 'content-type': 'application/json' },
    );
    assert.notEqual(importing.status, 413);
    const huge = await post(
      JSON.stringify({ query: '{ me { id } }', variables: { p: 'x'.repeat(17 * 1024 * 1024) } }),
      {
        'content-type': 'application/json',
      },
    );
    assert.equal(huge.status, 413);
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT naming the field', async () => {
    const [error] = await system.admin.errors(
      'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
      { input: { code: 'NOC-ABC', name: 'A', type: 'NOT_A_TYPE' } },
    );
    assert.equal(error.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(error.extensions?.fields?.[0]?.field, 'type');
  });

  it('answers introspection outside production', async () => {
    const data = await system.admin.query<{ __schema: { queryType: { name: string } } }>(
      '{ __schema { queryType { name } } }',
    );
    assert.equal(data.__schema.queryType.name, 'Query');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';

describe('the gateway refuses abusive requests before they run', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({
      label: 'hardening',
      gatewayEnv: { CORS_ORIGINS: 'https://staff.games.example' },
    });
  });
  after(() => system?.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(system.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.admin.token}`, ...headers },
      body,
    });

  /** Every limit refusal is BAD_USER_INPUT naming its limit and the part of the request at fault. */
  const assertLimit = (
    error: { message: string; extensions?: Record<string, unknown> },
    limit: string,
    max: number,
  ) => {
    assert.equal(error.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(error));
    assert.equal(error.extensions?.limit, limit);
    assert.equal(error.extensions?.max, max);
    assert.equal((error.extensions?.fields as { field: string }[] | undefined)?.length, 1);
    assert.doesNotMatch(error.message, /Syntax Error/);
  };

  it('refuses a query nested deeper than the limit', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `organisation { people { nodes { ${selection} } } }`;
    const errors = await system.admin.errors(`{ people { nodes { ${selection} } } }`);
    assert.match(errors[0].message, /depth/i);
    assertLimit(errors[0], 'depth', 12);
  });

  it('refuses too many tokens and directives, with codes', async () => {
    const [tokens] = await system.admin.errors(`{ ${'me { id } '.repeat(2000)} }`);
    assertLimit(tokens, 'tokens', 5000);
    const [directives] = await system.admin.errors(
      `{ me { id ${'@include(if: true) '.repeat(21)} } }`,
    );
    assertLimit(directives, 'directives', 20);
  });

  it('refuses a very wide query by its cost, counting lists by first', async () => {
    const errors = await system.admin.errors(
      '{ people(first: 500) { nodes { movements(first: 100) { nodes { id location kind occurredAt } } } } }',
    );
    assert.match(errors[0].message, /cost/);
    assertLimit(errors[0], 'cost', 100_000);
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
    assertLimit(errors[0], 'aliases', 15);
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
    const [tooBig] = ((await big.json()) as { errors: { message: string }[] }).errors;
    assertLimit(tooBig, 'body', 1024 * 1024);
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

  it('lets only the configured origins read answers from a browser', async () => {
    const preflight = (origin: string) =>
      fetch(system.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const evil = await preflight('https://evil.example');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    assert.equal(evil.headers.get('access-control-allow-credentials'), null);
    const staff = await preflight('https://staff.games.example');
    assert.equal(staff.headers.get('access-control-allow-origin'), 'https://staff.games.example');
    assert.equal(staff.headers.get('access-control-allow-credentials'), 'true');
    const answer = await post(JSON.stringify({ query: '{ me { id } }' }), {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    assert.match(answer.headers.get('vary') ?? '', /Origin/i);
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

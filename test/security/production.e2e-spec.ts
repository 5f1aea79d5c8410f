import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';

describe('the gateway in production', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({ label: 'production', env: { NODE_ENV: 'production' } });
  });
  after(() => system?.stop());

  it('answers no introspection and serves no IDE', async () => {
    const errors = await system.admin.errors('{ __schema { queryType { name } } }');
    assert.match(errors[0].message, /introspection/i);
    const ide = await fetch(system.url.replace('/graphql', '/ide'));
    assert.notEqual(ide.status, 200);
  });

  it('suggests no field, argument, type or enum value, in any error', async () => {
    const wrong = [
      { query: '{ peple { totalCount } }' },
      { query: '{ people(frist: 3) { totalCount } }' },
      { query: '{ people { ...P } } fragment P on PersonConection { totalCount }' },
      {
        query:
          'mutation { createOrganisation(input: { code: "NOC-X", name: "x", type: NOCC }) { id } }',
      },
      {
        query:
          'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
        variables: { input: { code: 'NOC-Y', name: 'y', type: 'NOCC' } },
      },
      { query: '{ people(filter: { status: ACTIV }) { totalCount } }' },
    ];
    for (const { query, variables } of wrong) {
      const answer = await system.admin.request(query, variables);
      assert.ok(answer.errors?.length, query);
      assert.ok(
        answer.errors.every((e) => typeof e.extensions?.code === 'string'),
        JSON.stringify(answer.errors),
      );
      assert.doesNotMatch(JSON.stringify(answer), /Did you mean/i, query);
      // Nor the names the suggestions would have given.
      const messages = answer.errors.map((e) => e.message).join('\n');
      for (const suggested of ['"people"', '"first"', '"PersonConnection"', '"NOC"', 'ACTIVE']) {
        assert.ok(!messages.includes(suggested), `${query}: ${messages}`);
      }
    }
  });

  it('still serves the API', async () => {
    const me = await system.admin.query<{ me: { roles: string[] } }>('{ me { roles } }');
    assert.deepEqual(me.me.roles, ['ADMIN']);
  });
});

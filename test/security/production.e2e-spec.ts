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

  it('still serves the API', async () => {
    const me = await system.admin.query<{ me: { roles: string[] } }>('{ me { roles } }');
    assert.deepEqual(me.me.roles, ['ADMIN']);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditServer } from 'graphql-http';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';

describe('GraphQL over HTTP compliance of the gateway', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({ label: 'graphqlhttp' });
  });
  after(() => system?.stop());

  it('passes every MUST of the graphql-http audit, with a valid token', async () => {
    const results = await auditServer({
      url: system.url,
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${system.admin.token}`);
        // What every client of ours sends: the CSRF guard wants it on requests without a preflight.
        headers.set('x-graphql-client', 'audit');
        return fetch(input, { ...init, headers });
      },
    });
    const failures = results
      .filter((r) => r.name.startsWith('MUST') && r.status !== 'ok')
      .map((r) => `${r.name}: ${r.status === 'ok' ? '' : r.reason}`);
    assert.deepEqual(failures, []);
    assert.ok(results.filter((r) => r.name.startsWith('MUST')).length > 10);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { eventually } from '#test/support/eventually.js';

interface Health {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string }>;
  subgraphs?: Record<string, string>;
}

async function health(url: string): Promise<{ status: number; body: Health }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Health };
}

/**
 * A service that loses its database keeps running, says on /health that the database is down,
 * and recovers by itself. The loss is made for the movement service alone: its role may no
 * longer log in and its open connections are ended, as when its database host goes away.
 */
describe('readiness of a service without its database', () => {
  let system: RunningSystem;
  let superuser: pg.Client;
  before(async () => {
    system = await startSystem({ label: 'readiness' });
    superuser = new pg.Client({ connectionString: system.databaseUrl });
    await superuser.connect();
  });
  after(async () => {
    await superuser?.end();
    await system?.stop();
  });

  const role = () => new URL(system.databaseRoles.movement).username;
  const movementHealth = () => system.subgraphUrls.movement.replace(/\/graphql$/, '/health');
  const gatewayHealth = () => system.url.replace(/\/graphql$/, '/health');

  it('answers 503 naming the database, then 200 again once it is back', async () => {
    const ok = await health(movementHealth());
    assert.equal(ok.status, 200);
    assert.equal(ok.body.info?.database?.status, 'up');

    await superuser.query(`ALTER ROLE ${role()} NOLOGIN`);
    await superuser.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`,
      [role()],
    );
    try {
      const down = await eventually(async () => {
        const answer = await health(movementHealth());
        assert.equal(answer.status, 503);
        return answer;
      });
      assert.equal(down.body.status, 'error');
      assert.equal(down.body.error?.database?.status, 'down');
      // The gateway names the subgraph that is not ready.
      const gateway = await eventually(async () => {
        const answer = await health(gatewayHealth());
        assert.equal(answer.status, 503);
        return answer;
      });
      assert.deepEqual(gateway.body.subgraphs, {
        accreditation: 'up',
        inspection: 'up',
        movement: 'down',
      });
      // The rest of the system still answers.
      const me = await system.admin.query<{ me: { email: string } }>('{ me { email } }');
      assert.ok(me.me.email);
    } finally {
      await superuser.query(`ALTER ROLE ${role()} LOGIN`);
    }

    await eventually(
      async () => {
        const answer = await health(movementHealth());
        assert.equal(answer.status, 200);
        assert.equal(answer.body.info?.database?.status, 'up');
      },
      { timeoutMs: 30_000, everyMs: 200 },
    );
    await eventually(async () => assert.equal((await health(gatewayHealth())).status, 200));
    // And the movement service answers through the gateway again.
    const verified = await system.admin.query<{ verifyMovementLog: { valid: boolean } }>(
      '{ verifyMovementLog { valid } }',
    );
    assert.equal(verified.verifyMovementLog.valid, true);
  });
});

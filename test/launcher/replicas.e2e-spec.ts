import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '#tools/in-process-system.js';
import { REDIS_URL, requireBroker } from '#test/support/brokers.js';
import { eventually } from '#test/support/eventually.js';
import { GraphQLClient } from '#test/support/graphql-client.js';
import { alive, launcherSaid, startLauncher, type LaunchedSystem } from '#test/support/launcher.js';

/**
 * `{ me { email } }` on a connection of its own. A keep-alive connection that was open to the
 * killed gateway dies with it, as behind any balancer; what the balancer promises is that
 * every new connection reaches a live instance.
 */
function meOnNewConnection(url: string, token: string): Promise<string> {
  const body = JSON.stringify({ query: '{ me { email } }' });
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const answer = JSON.parse(text) as { data?: { me?: { email?: string } } };
          resolve(String(answer.data?.me?.email));
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** `REPLICAS=2 npm start`: two instances of everything behind the launcher's balancers. */
describe('the launcher with REPLICAS=2', () => {
  let system: LaunchedSystem;

  before(async () => {
    await requireBroker(REDIS_URL);
    system = await startLauncher('replicas_launcher', { REPLICAS: '2', REDIS_URL });
  });

  after(() => system?.stop());

  it('runs two instances of each, and keeps answering on PORT with one gateway killed', async () => {
    const { output } = system;
    for (const name of ['gateway', 'accreditation', 'inspection', 'movement']) {
      for (const instance of [1, 2]) {
        assert.ok(
          output.lines().some(launcherSaid('started', `${name}-${instance}`)),
          `${name}-${instance}`,
        );
      }
    }
    const admin = await new GraphQLClient(system.url).login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const mark = output.lines().length;
    process.kill(system.pidOf('gateway-1'), 'SIGKILL');
    await output.waitFor('gateway-1 exited', launcherSaid('exited', 'gateway-1'), {
      after: mark,
      process: system.process,
      timeoutMs: 30_000,
    });
    // While it restarts the balancer skips it: every new connection on PORT is answered.
    for (let i = 0; i < 10; i++) {
      assert.equal(await meOnNewConnection(system.url, String(admin.token)), ADMIN_EMAIL);
    }
    await output.waitFor('gateway-1 started again', launcherSaid('started', 'gateway-1'), {
      after: mark,
      process: system.process,
      timeoutMs: 60_000,
    });
  });

  it('takes every instance down with it when the launcher itself is killed', async () => {
    const instances = ['gateway', 'accreditation', 'inspection', 'movement'].flatMap((name) =>
      [1, 2].map((i) => ({ name: `${name}-${i}`, pid: system.pidOf(`${name}-${i}`) })),
    );
    const running = () => instances.filter((i) => alive(i.pid)).map((i) => i.name);
    assert.equal(running().length, 8, 'all eight instances run');
    // SIGKILL leaves the launcher no time to stop anyone: each instance sees its channel close.
    system.process.kill('SIGKILL');
    await eventually(() => assert.deepEqual(running(), [], 'orphaned instances'), {
      timeoutMs: 60_000,
      everyMs: 100,
    });
  });
});

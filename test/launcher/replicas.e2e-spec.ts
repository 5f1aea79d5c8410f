import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '#libs/common/net.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '#tools/in-process-system.js';
import { REPO_ROOT } from '#tools/paths.js';
import { REDIS_URL, requireBroker } from '#test/support/brokers.js';
import { createTestDatabase } from '#test/support/database.js';
import { GraphQLClient } from '#test/support/graphql-client.js';
import { OutputWatch } from '#test/support/output-watch.js';

type Line = Record<string, unknown>;

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
const started = (service: string) => (line: Line) =>
  line.name === 'launcher' && line.event === 'started' && line.service === service;

/** `REPLICAS=2 npm start`: two instances of everything behind the launcher's balancers. */
describe('the launcher with REPLICAS=2', () => {
  const output = new OutputWatch();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let launcher: ChildProcess;
  let url: string;

  before(async () => {
    await requireBroker(REDIS_URL);
    database = await createTestDatabase('replicas_launcher');
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'replicas-test-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}/graphql`;
    launcher = spawn(
      process.execPath,
      ['--enable-source-maps', path.join(REPO_ROOT, 'dist/apps/launcher/main.js')],
      {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          DATA_DIR: dataDir,
          PORT: String(port),
          REPLICAS: '2',
          REDIS_URL,
          ADMIN_EMAIL,
          ADMIN_PASSWORD,
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    launcher.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    launcher.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    await output.waitFor('the system is ready', (l) => /^ready/.test(String(l.msg)), {
      process: launcher,
      timeoutMs: 240_000,
    });
  });

  after(async () => {
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
      const exited = once(launcher, 'exit');
      launcher.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('runs two instances of each, and keeps answering on PORT with one gateway killed', async () => {
    for (const name of ['gateway', 'accreditation', 'inspection', 'movement']) {
      for (const instance of [1, 2]) {
        assert.ok(output.lines().some(started(`${name}-${instance}`)), `${name}-${instance}`);
      }
    }
    const admin = await new GraphQLClient(url).login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const victim = Number(output.lines().filter(started('gateway-1')).at(-1)?.pid);
    const mark = output.lines().length;
    process.kill(victim, 'SIGKILL');
    await output.waitFor(
      'gateway-1 exited',
      (l) => l.name === 'launcher' && l.event === 'exited' && l.service === 'gateway-1',
      { after: mark, process: launcher, timeoutMs: 30_000 },
    );
    // While it restarts the balancer skips it: every new connection on PORT is answered.
    for (let i = 0; i < 10; i++) {
      assert.equal(await meOnNewConnection(url, String(admin.token)), ADMIN_EMAIL);
    }
    await output.waitFor('gateway-1 started again', started('gateway-1'), {
      after: mark,
      process: launcher,
      timeoutMs: 60_000,
    });
  });
});

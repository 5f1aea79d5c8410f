import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '#libs/common/net.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '#tools/in-process-system.js';
import { REPO_ROOT } from '#tools/paths.js';
import { createTestDatabase } from '#test/support/database.js';
import { GraphQLClient } from '#test/support/graphql-client.js';
import { OutputWatch } from '#test/support/output-watch.js';

type Line = Record<string, unknown>;
const launcherSaid = (event: string, service?: string) => (line: Line) =>
  line.name === 'launcher' && line.event === event && (!service || line.service === service);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm start` as an operator runs it (the built launcher, on the test's
 * PostgreSQL), with services killed under load.
 */
describe('the launcher', () => {
  const output = new OutputWatch();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let launcher: ChildProcess;
  let url: string;
  let admin: GraphQLClient;

  before(async () => {
    database = await createTestDatabase('launcher');
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'launcher-test-'));
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
    admin = await new GraphQLClient(url).login(ADMIN_EMAIL, ADMIN_PASSWORD);
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

  /** The pid the launcher last reported for a service. */
  const pidOf = (service: string): number => {
    const started = output.lines().filter(launcherSaid('started', service));
    return Number(started.at(-1)?.pid);
  };

  /** Queries in a loop from a few clients until stopped, recording every answer. */
  function load(queries: Record<string, string>, clients = 4) {
    const answers: { subgraph: string; ok: boolean; at: number; error?: string }[] = [];
    let running = true;
    const loops = Array.from({ length: clients }, async () => {
      while (running) {
        for (const [subgraph, query] of Object.entries(queries)) {
          const answer = await admin.request(query).catch((e: Error) => ({
            errors: [{ message: e.message }],
            data: null,
          }));
          answers.push({
            subgraph,
            ok: !answer.errors?.length,
            at: Date.now(),
            error: answer.errors?.[0]?.message,
          });
        }
      }
    });
    return {
      answers,
      stop: async () => {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  /** Resolves once the query answers without errors again (bounded). */
  async function answersAgain(query: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await admin.request(query).catch(() => null);
      if (answer && !answer.errors?.length) return;
      if (Date.now() > deadline) throw new Error(`${query} did not answer again`);
      // The next attempt waits for the launcher to say something (a start), or the bound.
      await output
        .waitFor('the launcher says more', () => true, {
          after: output.lines().length,
          timeoutMs: 1000,
        })
        .catch(() => undefined);
    }
  }

  it('restarts a killed service while the others keep answering under load', async (t) => {
    const victim = pidOf('inspection');
    assert.ok(alive(victim));
    const traffic = load({
      accreditation: '{ people(first: 1) { totalCount } }',
      movement: '{ verifyMovementLog { valid } }',
    });
    // Traffic is flowing before the kill.
    await answersAgain('{ people(first: 1) { totalCount } }');
    const mark = output.lines().length;
    const killedAt = Date.now();
    process.kill(victim, 'SIGKILL');
    const exited = await output.waitFor('inspection exited', launcherSaid('exited', 'inspection'), {
      after: mark,
      process: launcher,
    });
    assert.equal(exited.signal, 'SIGKILL');
    const restarted = await output.waitFor(
      'inspection started again',
      launcherSaid('started', 'inspection'),
      { after: mark, process: launcher, timeoutMs: 60_000 },
    );
    assert.notEqual(restarted.pid, victim);
    assert.equal(restarted.restarts, 1);
    await answersAgain('{ inspectionAreas { code } }');
    const backAt = Date.now();
    await traffic.stop();

    const duringOutage = traffic.answers.filter((a) => a.at >= killedAt && a.at <= backAt);
    for (const subgraph of ['accreditation', 'movement']) {
      const answered = duringOutage.filter((a) => a.subgraph === subgraph);
      assert.ok(answered.length > 0, `no ${subgraph} traffic while inspection was down`);
      const failed = answered.filter((a) => !a.ok);
      assert.deepEqual(failed, [], `${subgraph} failed while inspection was down`);
    }
    t.diagnostic(
      `inspection back after ${backAt - killedAt} ms; meanwhile ${duringOutage.length} answers from accreditation and movement, none failed`,
    );
    assert.equal(launcher.exitCode, null, 'the launcher stopped');
  });

  it('restarts a killed gateway', async () => {
    const victim = pidOf('gateway');
    const mark = output.lines().length;
    process.kill(victim, 'SIGKILL');
    await output.waitFor('gateway started again', launcherSaid('started', 'gateway'), {
      after: mark,
      process: launcher,
      timeoutMs: 60_000,
    });
    await answersAgain('{ me { roles } }');
    for (const service of ['accreditation', 'inspection', 'movement']) {
      assert.ok(alive(pidOf(service)), `${service} was stopped with the gateway`);
    }
  });

  it('stops everything on SIGTERM, and restarts nothing', async () => {
    const pids = ['gateway', 'accreditation', 'inspection', 'movement'].map(pidOf);
    const exited = once(launcher, 'exit');
    launcher.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
    assert.deepEqual(
      pids.filter((pid) => alive(pid)),
      [],
    );
    assert.equal(output.count(launcherSaid('exited')), 2, 'a stop counted as a crash');
  });
});

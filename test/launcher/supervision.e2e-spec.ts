import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '#tools/in-process-system.js';
import { GraphQLClient } from '#test/support/graphql-client.js';
import { alive, launcherSaid, startLauncher, type LaunchedSystem } from '#test/support/launcher.js';

/**
 * `npm start` as an operator runs it (the built launcher, on the test's
 * PostgreSQL), with services killed under load.
 */
describe('the launcher', () => {
  let system: LaunchedSystem;
  let admin: GraphQLClient;

  before(async () => {
    system = await startLauncher('launcher');
    admin = await new GraphQLClient(system.url).login(ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  after(() => system?.stop());

  const pidOf = (service: string): number => system.pidOf(service);

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
      await system.output
        .waitFor('the launcher says more', () => true, {
          after: system.output.lines().length,
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
    const mark = system.output.lines().length;
    const killedAt = Date.now();
    process.kill(victim, 'SIGKILL');
    const exited = await system.output.waitFor(
      'inspection exited',
      launcherSaid('exited', 'inspection'),
      {
        after: mark,
        process: system.process,
      },
    );
    assert.equal(exited.signal, 'SIGKILL');
    const restarted = await system.output.waitFor(
      'inspection started again',
      launcherSaid('started', 'inspection'),
      { after: mark, process: system.process, timeoutMs: 60_000 },
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
    assert.equal(system.process.exitCode, null, 'the launcher stopped');
  });

  it('restarts a killed gateway', async () => {
    const victim = pidOf('gateway');
    const mark = system.output.lines().length;
    process.kill(victim, 'SIGKILL');
    await system.output.waitFor('gateway started again', launcherSaid('started', 'gateway'), {
      after: mark,
      process: system.process,
      timeoutMs: 60_000,
    });
    await answersAgain('{ me { roles } }');
    for (const service of ['accreditation', 'inspection', 'movement']) {
      assert.ok(alive(pidOf(service)), `${service} was stopped with the gateway`);
    }
  });

  it('stops everything on SIGTERM, and restarts nothing', async () => {
    const pids = ['gateway', 'accreditation', 'inspection', 'movement'].map(pidOf);
    const exited = once(system.process, 'exit');
    system.process.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
    assert.deepEqual(
      pids.filter((pid) => alive(pid)),
      [],
    );
    assert.equal(system.output.count(launcherSaid('exited')), 2, 'a stop counted as a crash');
  });
});

import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { ChildService } from '#libs/common/child-service.js';
import { Supervisor, type SupervisorEvent } from '#libs/common/supervisor.js';

/** A child process stand-in whose exit the test decides. */
class FakeChild extends EventEmitter {
  static next = 1000;
  readonly pid = FakeChild.next++;
  exitCode: number | null = null;
  crash() {
    this.exitCode = 1;
    this.emit('exit', 1, null);
  }
}

function service(name: string, stopped: string[]): ChildService & { child: FakeChild } {
  const child = new FakeChild();
  return {
    name,
    child,
    process: child as unknown as ChildProcess,
    stop: () => {
      stopped.push(name);
      child.exitCode = 0;
      child.emit('exit', 0, null);
      return Promise.resolve();
    },
  };
}

/** A supervisor whose events a test can wait for. */
function supervised(policy = { initialDelayMs: 5, maxDelayMs: 20, stableAfterMs: 60_000 }) {
  const events: SupervisorEvent[] = [];
  const waiters: (() => void)[] = [];
  const supervisor = new Supervisor((event) => {
    events.push(event);
    for (const wake of waiters.splice(0)) wake();
  }, policy);
  const until = async (predicate: (events: SupervisorEvent[]) => boolean) => {
    while (!predicate(events)) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { supervisor, events, until };
}

const exits = (events: SupervisorEvent[]) =>
  events.flatMap((e) => (e.event === 'exited' ? [e.restartInMs] : []));

describe('the supervisor', () => {
  it('restarts a crashed child, waiting twice as long with each crash in a row, up to the maximum', async () => {
    const stopped: string[] = [];
    const { supervisor, events, until } = supervised();
    const started: (ChildService & { child: FakeChild })[] = [];
    supervisor.add('inspection', () => {
      const s = service('inspection', stopped);
      started.push(s);
      return s;
    });
    for (let crash = 1; crash <= 4; crash++) {
      started.at(-1)?.child.crash();
      await until((e) => e.filter((x) => x.event === 'started').length === crash + 1);
    }
    assert.deepEqual(exits(events), [5, 10, 20, 20]);
    assert.equal(started.length, 5);
    assert.equal(supervisor.current('inspection'), started[4]);
    await supervisor.stopAll();
  });

  it('keeps the other children running while one restarts, and stops all in reverse order without restarting', async () => {
    const stopped: string[] = [];
    const { supervisor, events, until } = supervised();
    const accreditation = supervisor.add('accreditation', () => service('accreditation', stopped));
    supervisor.add('movement', () => service('movement', stopped));
    (accreditation as ChildService & { child: FakeChild }).child.crash();
    await until((e) =>
      e.some((x) => x.event === 'started' && x.service === 'accreditation' && x.restarts === 1),
    );
    assert.equal(supervisor.current('movement')?.process.exitCode, null);
    await supervisor.stopAll();
    assert.deepEqual(stopped, ['movement', 'accreditation']);
    assert.equal(exits(events).length, 1, 'a stop was taken for a crash');
    assert.deepEqual(events.at(-1), { event: 'stopped' });
  });
});

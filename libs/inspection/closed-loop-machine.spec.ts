import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError } from '#libs/common/errors.js';
import {
  current,
  OUTSIDE,
  transition,
  type LoopEvent,
  type LoopState,
} from '#libs/inspection/closed-loop-machine.js';
import { ClosedLoopStatus as S } from '#libs/inspection/closed-loop-status.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const rules = { testIntervalHours: 24, closeContactDays: 7 };
const t0 = new Date('2026-07-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function run(state: LoopState, event: LoopEvent, now = t0) {
  return transition(state, event, now, rules);
}
const arrived = run(OUTSIDE, { kind: 'ARRIVAL', at: t0, where: 'PORT' }).state;
const negative = (sampledAt: Date): LoopEvent => ({
  kind: 'TEST_RESULT',
  result: 'NEGATIVE',
  sampledAt,
  testId: 't',
});
const positive = (sampledAt: Date): LoopEvent => ({
  kind: 'TEST_RESULT',
  result: 'POSITIVE',
  sampledAt,
  testId: 't',
});

describe('closed-loop state machine', () => {
  it('arrival puts the person in the loop with the test clock started, and writes why', () => {
    const r = run(OUTSIDE, { kind: 'ARRIVAL', at: t0, where: 'PORT' });
    assert.equal(r.state.status, S.IN_LOOP);
    assert.deepEqual(r.state.testDueBy, at(24 * HOUR));
    assert.deepEqual(r.changes, [{ status: S.IN_LOOP, at: t0, reason: 'arrival at PORT' }]);
  });

  it('departure makes EXITED with a history line', () => {
    const r = run(arrived, { kind: 'DEPARTURE', at: at(HOUR), where: 'PORT' });
    assert.equal(r.state.status, S.EXITED);
    assert.equal(r.changes[0].reason, 'departure at PORT');
  });

  it('a POSITIVE isolates whenever it was sampled, unless departed', () => {
    const later = run(arrived, negative(at(2 * HOUR)), at(3 * HOUR)).state;
    const old = run(later, positive(at(-HOUR)), at(3 * HOUR));
    assert.equal(old.state.status, S.ISOLATED);
    assert.equal(old.changed, true);
    const exited = run(arrived, { kind: 'DEPARTURE', at: t0, where: 'PORT' }).state;
    assert.equal(run(exited, positive(t0)).state.status, S.EXITED);
  });

  it('a NEGATIVE never releases; an older NEGATIVE is kept and moves nothing', () => {
    const isolated = run(arrived, positive(t0)).state;
    assert.equal(run(isolated, negative(at(HOUR)), at(HOUR)).state.status, S.ISOLATED);
    const tested = run(arrived, negative(at(2 * HOUR)), at(2 * HOUR)).state;
    const older = run(tested, negative(at(HOUR)), at(3 * HOUR));
    assert.equal(older.changed, false);
    assert.deepEqual(older.state.testDueBy, at(26 * HOUR));
    assert.match(older.changes[0].reason, /older than the latest sample/);
  });

  it('only release ends isolation; release of someone not isolated is a CONFLICT', () => {
    const isolated = run(arrived, positive(t0)).state;
    assert.equal(run(isolated, { kind: 'RELEASE', reason: 'ok' }).state.status, S.IN_LOOP);
    assert.throws(() => run(arrived, { kind: 'RELEASE', reason: 'x' }), ConflictError);
  });

  it('designation: CLOSE_CONTACT for 7 days, next test within 12 h; ISOLATED and EXITED stay', () => {
    const r = run(arrived, { kind: 'CLOSE_CONTACT', of: 'p' }, at(HOUR));
    assert.equal(r.state.status, S.CLOSE_CONTACT);
    assert.deepEqual(r.state.closeContactUntil, at(HOUR + 7 * DAY));
    assert.deepEqual(r.state.testDueBy, at(13 * HOUR));
    const isolated = run(arrived, positive(t0)).state;
    assert.equal(run(isolated, { kind: 'CLOSE_CONTACT', of: 'p' }).state.status, S.ISOLATED);
    const exited = run(arrived, { kind: 'DEPARTURE', at: t0, where: 'PORT' }).state;
    assert.equal(run(exited, { kind: 'CLOSE_CONTACT', of: 'p' }).state.status, S.EXITED);
  });

  it('a due date already sooner than 12 h is kept by a designation', () => {
    const soon = { ...arrived, testDueBy: at(2 * HOUR) };
    assert.deepEqual(run(soon, { kind: 'CLOSE_CONTACT', of: 'p' }).state.testDueBy, at(2 * HOUR));
  });

  it('a close contact is tested every 12 h; after 7 days it expires and the interval is 24 h again', () => {
    const close = run(arrived, { kind: 'CLOSE_CONTACT', of: 'p' }, t0).state;
    const n1 = run(close, negative(at(DAY)), at(DAY)).state;
    assert.deepEqual(n1.testDueBy, at(DAY + 12 * HOUR));
    assert.equal(current(close, at(7 * DAY - 1)).state.status, S.CLOSE_CONTACT);
    const expired = current(close, at(7 * DAY));
    assert.equal(expired.state.status, S.IN_LOOP);
    assert.equal(expired.changes[0].reason, 'close contact period ended');
    const n2 = run(n1, negative(at(8 * DAY)), at(8 * DAY));
    assert.equal(n2.state.status, S.IN_LOOP);
    assert.deepEqual(n2.state.testDueBy, at(9 * DAY));
    assert.deepEqual(
      n2.changes.map((c) => c.status),
      [S.IN_LOOP, S.IN_LOOP],
    );
  });

  it('release within the designation returns to CLOSE_CONTACT, after it to IN_LOOP', () => {
    const close = run(arrived, { kind: 'CLOSE_CONTACT', of: 'p' }, t0).state;
    const isolated = run(close, positive(t0)).state;
    const release = { kind: 'RELEASE', reason: 'ok' } as const;
    assert.equal(run(isolated, release, at(DAY)).state.status, S.CLOSE_CONTACT);
    assert.equal(run(isolated, release, at(8 * DAY)).state.status, S.IN_LOOP);
  });
});

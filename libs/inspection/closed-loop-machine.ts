import { ConflictError } from '#libs/common/errors.js';
import { ClosedLoopStatus as S } from '#libs/inspection/closed-loop-status.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A close contact's test interval, and the latest a new close contact's next test may fall due. */
export const CLOSE_CONTACT_TEST_INTERVAL_HOURS = 12;

/** A person's stored closed-loop state. */
export interface LoopState {
  status: S;
  enteredAt: Date | null;
  lastNegativeTestAt: Date | null;
  /** When the latest sample applied was taken: an older NEGATIVE moves nothing. */
  lastSampledAt: Date | null;
  testDueBy: Date | null;
  closeContactUntil: Date | null;
}

/** Someone with no stored state has not arrived yet. */
export const OUTSIDE: LoopState = {
  status: S.OUTSIDE,
  enteredAt: null,
  lastNegativeTestAt: null,
  lastSampledAt: null,
  testDueBy: null,
  closeContactUntil: null,
};

export interface LoopRules {
  /** TEST_INTERVAL_HOURS: hours a NEGATIVE keeps someone in the loop admissible. */
  testIntervalHours: number;
  /** CLOSE_CONTACT_DAYS: how long a designation lasts. */
  closeContactDays: number;
}

export type LoopEvent =
  | { kind: 'ARRIVAL'; at: Date; where: string }
  | { kind: 'DEPARTURE'; at: Date; where: string }
  | { kind: 'TEST_RESULT'; result: 'NEGATIVE' | 'POSITIVE'; sampledAt: Date; testId: string }
  | { kind: 'CLOSE_CONTACT'; of: string }
  | { kind: 'RELEASE'; reason: string };

/** One line of the history: the status after the step, when it happened, why. */
export interface LoopChange {
  status: S;
  at: Date;
  reason: string;
  /** Made by time alone (a close contact's days ran out): recorded as by `system`. */
  expiry?: true;
}

export interface LoopTransition {
  state: LoopState;
  /** Every step taken, in order (an expiry that fell due before the event comes first). */
  changes: LoopChange[];
  /**
   * True when the event itself changed what clients see (status, enteredAt,
   * lastNegativeTestAt, testDueBy, closeContactUntil); an expiry applied on the way does not count.
   */
  changed: boolean;
}

const after = (a: Date | null, b: Date): boolean => a !== null && a.getTime() > b.getTime();
const plusHours = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR_MS);
const time = (d: Date | null) => d?.getTime() ?? null;

function visiblyDifferent(a: LoopState, b: LoopState): boolean {
  return (
    a.status !== b.status ||
    time(a.enteredAt) !== time(b.enteredAt) ||
    time(a.lastNegativeTestAt) !== time(b.lastNegativeTestAt) ||
    time(a.testDueBy) !== time(b.testDueBy) ||
    time(a.closeContactUntil) !== time(b.closeContactUntil)
  );
}

/**
 * The state as it stands at `now`: a CLOSE_CONTACT whose designation has run out is
 * IN_LOOP again (from closeContactUntil). Reads apply this; transitions apply it first.
 */
export function current(state: LoopState, now: Date): LoopTransition {
  if (state.status === S.CLOSE_CONTACT && !after(state.closeContactUntil, now)) {
    const at = state.closeContactUntil ?? now;
    const next = { ...state, status: S.IN_LOOP };
    return {
      state: next,
      changes: [{ status: S.IN_LOOP, at, reason: 'close contact period ended', expiry: true }],
      changed: true,
    };
  }
  return { state, changes: [], changed: false };
}

/** In the loop and watched as a close contact at `at` (isolation does not end the watch). */
function closeContactAt(state: LoopState, at: Date): boolean {
  return after(state.closeContactUntil, at);
}

/**
 * The closed loop of DESIGN.md "Health", every transition in one place:
 *
 * - ARRIVAL: IN_LOOP (CLOSE_CONTACT while a designation runs, ISOLATED stays ISOLATED),
 *   enteredAt and the test clock start at the arrival.
 * - DEPARTURE: EXITED.
 * - POSITIVE: ISOLATED, whatever its sample time, unless OUTSIDE or EXITED.
 * - NEGATIVE: sampled at or after the latest sample, sets lastNegativeTestAt and
 *   testDueBy = sampledAt + interval (12 h while a close contact, else TEST_INTERVAL_HOURS);
 *   an older one moves nothing. Never ends isolation.
 * - CLOSE_CONTACT: for CLOSE_CONTACT_DAYS from now, next test at most 12 h away; ISOLATED
 *   stays ISOLATED (and is a close contact when released in time), EXITED and OUTSIDE stay.
 * - RELEASE: only from ISOLATED (else CONFLICT), back to CLOSE_CONTACT or IN_LOOP.
 * - expiry: see current().
 */
export function transition(
  stored: LoopState,
  event: LoopEvent,
  now: Date,
  rules: LoopRules,
): LoopTransition {
  const expired = current(stored, now);
  const state = expired.state;
  const changes = [...expired.changes];
  let next: LoopState;
  let reason: string;
  let at = now;
  switch (event.kind) {
    case 'ARRIVAL': {
      at = event.at;
      const watched = closeContactAt(state, event.at);
      next = {
        ...state,
        status: state.status === S.ISOLATED ? S.ISOLATED : watched ? S.CLOSE_CONTACT : S.IN_LOOP,
        enteredAt: event.at,
        // The arrival swab counts as the latest sample; its result is recorded when it comes.
        lastSampledAt: event.at,
        testDueBy: plusHours(
          event.at,
          watched ? CLOSE_CONTACT_TEST_INTERVAL_HOURS : rules.testIntervalHours,
        ),
      };
      reason = `arrival at ${event.where}`;
      break;
    }
    case 'DEPARTURE':
      at = event.at;
      next = { ...state, status: S.EXITED };
      reason = `departure at ${event.where}`;
      break;
    case 'TEST_RESULT': {
      const sampledAt = event.sampledAt;
      const latest =
        state.lastSampledAt && state.lastSampledAt.getTime() > sampledAt.getTime()
          ? state.lastSampledAt
          : sampledAt;
      const older = after(state.lastSampledAt, sampledAt);
      if (event.result === 'POSITIVE') {
        const away = state.status === S.EXITED || state.status === S.OUTSIDE;
        next = { ...state, lastSampledAt: latest, status: away ? state.status : S.ISOLATED };
      } else if (older) {
        next = state;
      } else {
        const hours = closeContactAt(state, sampledAt)
          ? CLOSE_CONTACT_TEST_INTERVAL_HOURS
          : rules.testIntervalHours;
        next = {
          ...state,
          lastSampledAt: sampledAt,
          lastNegativeTestAt: sampledAt,
          testDueBy: plusHours(sampledAt, hours),
        };
      }
      reason = `test ${event.testId}: ${event.result} sampled ${sampledAt.toISOString()}${
        older ? ' (older than the latest sample)' : ''
      }`;
      break;
    }
    case 'CLOSE_CONTACT': {
      const until = new Date(now.getTime() + rules.closeContactDays * DAY_MS);
      const closeContactUntil = after(state.closeContactUntil, until)
        ? state.closeContactUntil
        : until;
      const inLoop = state.status === S.IN_LOOP || state.status === S.CLOSE_CONTACT;
      const watchedNow = inLoop || state.status === S.ISOLATED;
      const latestDue = plusHours(now, CLOSE_CONTACT_TEST_INTERVAL_HOURS);
      next = {
        ...state,
        status: inLoop ? S.CLOSE_CONTACT : state.status,
        closeContactUntil: watchedNow ? closeContactUntil : state.closeContactUntil,
        testDueBy:
          watchedNow && !(state.testDueBy && state.testDueBy.getTime() <= latestDue.getTime())
            ? latestDue
            : state.testDueBy,
      };
      reason = watchedNow
        ? `close contact of ${event.of} until ${closeContactUntil?.toISOString()}`
        : `close contact of ${event.of}: not in the loop (${state.status}), unchanged`;
      break;
    }
    case 'RELEASE':
      if (state.status !== S.ISOLATED) {
        throw new ConflictError(`Person is ${state.status}, not ISOLATED`);
      }
      next = {
        ...state,
        status: closeContactAt(state, now) ? S.CLOSE_CONTACT : S.IN_LOOP,
      };
      reason = `released: ${event.reason}`;
      break;
  }
  changes.push({ status: next.status, at, reason });
  return { state: next, changes, changed: visiblyDifferent(state, next) };
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccreditationStatus as S } from '#libs/accreditation/accreditation-status.js';
import {
  transition,
  type LifecycleAction,
  type LifecycleState,
} from '#libs/accreditation/lifecycle.js';
import { DomainError } from '#libs/common/errors.js';

const ACTIONS: LifecycleAction[] = [
  'approve',
  'activate',
  'suspend',
  'reinstate',
  'revoke',
  'reissue',
];
const at = (status: S, statusBeforeSuspension: S | null = null): LifecycleState => ({
  status,
  statusBeforeSuspension,
});

/** Every allowed move, as DESIGN.md states the lifecycle; everything else must be refused. */
const ALLOWED: [LifecycleState, LifecycleAction, LifecycleState][] = [
  [at(S.SUBMITTED), 'approve', at(S.APPROVED)],
  [at(S.APPROVED), 'activate', at(S.ACTIVE)],
  [at(S.ACTIVE), 'activate', at(S.ACTIVE)],
  [at(S.APPROVED), 'suspend', at(S.SUSPENDED, S.APPROVED)],
  [at(S.ACTIVE), 'suspend', at(S.SUSPENDED, S.ACTIVE)],
  [at(S.SUSPENDED, S.APPROVED), 'reinstate', at(S.APPROVED)],
  [at(S.SUSPENDED, S.ACTIVE), 'reinstate', at(S.ACTIVE)],
  [at(S.SUBMITTED), 'revoke', at(S.REVOKED)],
  [at(S.APPROVED), 'revoke', at(S.REVOKED)],
  [at(S.ACTIVE), 'revoke', at(S.REVOKED)],
  [at(S.SUSPENDED, S.APPROVED), 'revoke', at(S.REVOKED)],
  [at(S.SUSPENDED, S.ACTIVE), 'revoke', at(S.REVOKED)],
  [at(S.APPROVED), 'reissue', at(S.APPROVED)],
  [at(S.ACTIVE), 'reissue', at(S.ACTIVE)],
  [at(S.SUSPENDED, S.APPROVED), 'reissue', at(S.SUSPENDED, S.APPROVED)],
  [at(S.SUSPENDED, S.ACTIVE), 'reissue', at(S.SUSPENDED, S.ACTIVE)],
];

const STATES = [
  at(S.SUBMITTED),
  at(S.APPROVED),
  at(S.ACTIVE),
  at(S.SUSPENDED, S.APPROVED),
  at(S.SUSPENDED, S.ACTIVE),
  at(S.REVOKED),
];

describe('the accreditation lifecycle', () => {
  for (const [from, action, to] of ALLOWED) {
    it(`${action} takes ${from.status}${from.statusBeforeSuspension ? ` (from ${from.statusBeforeSuspension})` : ''} to ${to.status}`, () => {
      assert.deepEqual(transition(from, action), to);
    });
  }

  it('refuses every other move with a CONFLICT naming the action and the status', () => {
    let refused = 0;
    for (const state of STATES) {
      for (const action of ACTIONS) {
        const allowed = ALLOWED.some(
          ([f, a]) =>
            a === action &&
            f.status === state.status &&
            f.statusBeforeSuspension === state.statusBeforeSuspension,
        );
        if (allowed) continue;
        refused += 1;
        assert.throws(
          () => transition(state, action),
          (error: unknown) =>
            error instanceof DomainError &&
            error.extensions.code === 'CONFLICT' &&
            error.message.includes(action) &&
            error.message.includes(state.status),
          `${action} from ${state.status}`,
        );
      }
    }
    assert.equal(refused, STATES.length * ACTIONS.length - ALLOWED.length);
  });

  it('keeps REVOKED final: no action leaves it', () => {
    for (const action of ACTIONS) assert.throws(() => transition(at(S.REVOKED), action));
  });

  it('cannot reinstate a suspension that does not know what it was', () => {
    assert.throws(() => transition(at(S.SUSPENDED, null), 'reinstate'));
  });
});

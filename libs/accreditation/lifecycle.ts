import { AccreditationStatus as S } from '#libs/accreditation/accreditation-status.js';
import { ConflictError } from '#libs/common/errors.js';

export type LifecycleAction =
  'approve' | 'activate' | 'suspend' | 'reinstate' | 'revoke' | 'reissue';

export interface LifecycleState {
  status: S;
  /** What a suspended accreditation returns to when reinstated. */
  statusBeforeSuspension: S | null;
}

/**
 * The accreditation lifecycle: SUBMITTED -> APPROVED -> ACTIVE (on arrival);
 * APPROVED or ACTIVE -> SUSPENDED -> back to what it was; any -> REVOKED,
 * final. Reissuing a card keeps the status. Anything else is refused.
 */
export function transition(state: LifecycleState, action: LifecycleAction): LifecycleState {
  const { status } = state;
  const refuse = (): never => {
    throw new ConflictError(`Cannot ${action} an accreditation that is ${status}`);
  };
  switch (action) {
    case 'approve':
      return status === S.SUBMITTED
        ? { status: S.APPROVED, statusBeforeSuspension: null }
        : refuse();
    case 'activate':
      return status === S.APPROVED || status === S.ACTIVE
        ? { status: S.ACTIVE, statusBeforeSuspension: null }
        : refuse();
    case 'suspend':
      return status === S.APPROVED || status === S.ACTIVE
        ? { status: S.SUSPENDED, statusBeforeSuspension: status }
        : refuse();
    case 'reinstate':
      return status === S.SUSPENDED && state.statusBeforeSuspension
        ? { status: state.statusBeforeSuspension, statusBeforeSuspension: null }
        : refuse();
    case 'revoke':
      return status !== S.REVOKED ? { status: S.REVOKED, statusBeforeSuspension: null } : refuse();
    case 'reissue':
      return status === S.APPROVED || status === S.ACTIVE || status === S.SUSPENDED
        ? state
        : refuse();
  }
}

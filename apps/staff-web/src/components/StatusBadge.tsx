import type { AccreditationStatus, ClosedLoopStatus } from '../gql/graphql';

/** Each status its own word, icon and colour: never two statuses alike, never colour alone. */
export const ACCREDITATION_STATUS: Record<AccreditationStatus, { icon: string; words: string }> = {
  SUBMITTED: { icon: '…', words: 'awaiting approval' },
  APPROVED: { icon: '✓', words: 'card valid, not yet arrived' },
  ACTIVE: { icon: '●', words: 'arrived, card in use' },
  SUSPENDED: { icon: '⏸', words: 'admits nowhere for now' },
  REVOKED: { icon: '✖', words: 'withdrawn for good' },
};

export const LOOP_STATUS: Record<ClosedLoopStatus, { icon: string; words: string }> = {
  OUTSIDE: { icon: '○', words: 'not yet arrived' },
  IN_LOOP: { icon: '●', words: 'inside the closed loop' },
  CLOSE_CONTACT: { icon: '◐', words: 'close contact, tested more often' },
  ISOLATED: { icon: '✚', words: 'in isolation' },
  EXITED: { icon: '→', words: 'departed' },
};

export function AccreditationStatusBadge({ status }: { status: AccreditationStatus }) {
  const s = ACCREDITATION_STATUS[status];
  return (
    <span className={`badge status-${status.toLowerCase()}`}>
      <span aria-hidden="true">{s.icon} </span>
      {status} · {s.words}
    </span>
  );
}

export function LoopStatusBadge({ status }: { status: ClosedLoopStatus }) {
  const s = LOOP_STATUS[status];
  return (
    <span className={`badge loop-${status.toLowerCase().replace('_', '-')}`}>
      <span aria-hidden="true">{s.icon} </span>
      {status} · {s.words}
    </span>
  );
}

/** What a field shows when the caller's role may not read it: hidden, not empty. */
export function HiddenForRole() {
  return <span className="muted hidden-for-role">Hidden for your role</span>;
}

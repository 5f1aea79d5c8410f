import { FormattedMessage, type MessageDescriptor } from 'react-intl';
import { defineMessages } from '../i18n/define';
import type { AccreditationStatus, ClosedLoopStatus } from '../gql/graphql';

interface StatusLook {
  icon: string;
  /** The status's name, as short as the code staff know it by. */
  name: MessageDescriptor;
  /** What the status means for the card holder. */
  words: MessageDescriptor;
}

/** Each status its own word, icon and colour: never two statuses alike, never colour alone. */
export const ACCREDITATION_STATUS: Record<AccreditationStatus, StatusLook> = {
  SUBMITTED: {
    icon: '…',
    ...defineMessages({
      name: { id: 'accreditationStatus.SUBMITTED', defaultMessage: 'SUBMITTED' },
      words: { id: 'accreditationStatus.SUBMITTED.words', defaultMessage: 'awaiting approval' },
    }),
  },
  APPROVED: {
    icon: '✓',
    ...defineMessages({
      name: { id: 'accreditationStatus.APPROVED', defaultMessage: 'APPROVED' },
      words: {
        id: 'accreditationStatus.APPROVED.words',
        defaultMessage: 'card valid, not yet arrived',
      },
    }),
  },
  ACTIVE: {
    icon: '●',
    ...defineMessages({
      name: { id: 'accreditationStatus.ACTIVE', defaultMessage: 'ACTIVE' },
      words: { id: 'accreditationStatus.ACTIVE.words', defaultMessage: 'arrived, card in use' },
    }),
  },
  SUSPENDED: {
    icon: '⏸',
    ...defineMessages({
      name: { id: 'accreditationStatus.SUSPENDED', defaultMessage: 'SUSPENDED' },
      words: {
        id: 'accreditationStatus.SUSPENDED.words',
        defaultMessage: 'admits nowhere for now',
      },
    }),
  },
  REVOKED: {
    icon: '✖',
    ...defineMessages({
      name: { id: 'accreditationStatus.REVOKED', defaultMessage: 'REVOKED' },
      words: { id: 'accreditationStatus.REVOKED.words', defaultMessage: 'withdrawn for good' },
    }),
  },
};

export const LOOP_STATUS: Record<ClosedLoopStatus, StatusLook> = {
  OUTSIDE: {
    icon: '○',
    ...defineMessages({
      name: { id: 'loopStatus.OUTSIDE', defaultMessage: 'OUTSIDE' },
      words: { id: 'loopStatus.OUTSIDE.words', defaultMessage: 'not yet arrived' },
    }),
  },
  IN_LOOP: {
    icon: '●',
    ...defineMessages({
      name: { id: 'loopStatus.IN_LOOP', defaultMessage: 'IN_LOOP' },
      words: { id: 'loopStatus.IN_LOOP.words', defaultMessage: 'inside the closed loop' },
    }),
  },
  CLOSE_CONTACT: {
    icon: '◐',
    ...defineMessages({
      name: { id: 'loopStatus.CLOSE_CONTACT', defaultMessage: 'CLOSE_CONTACT' },
      words: {
        id: 'loopStatus.CLOSE_CONTACT.words',
        defaultMessage: 'close contact, tested more often',
      },
    }),
  },
  ISOLATED: {
    icon: '✚',
    ...defineMessages({
      name: { id: 'loopStatus.ISOLATED', defaultMessage: 'ISOLATED' },
      words: { id: 'loopStatus.ISOLATED.words', defaultMessage: 'in isolation' },
    }),
  },
  EXITED: {
    icon: '→',
    ...defineMessages({
      name: { id: 'loopStatus.EXITED', defaultMessage: 'EXITED' },
      words: { id: 'loopStatus.EXITED.words', defaultMessage: 'departed' },
    }),
  },
};

export function AccreditationStatusBadge({ status }: { status: AccreditationStatus }) {
  const s = ACCREDITATION_STATUS[status];
  return (
    <span className={`badge status-${status.toLowerCase()}`}>
      <span aria-hidden="true">{s.icon} </span>
      <FormattedMessage {...s.name} /> · <FormattedMessage {...s.words} />
    </span>
  );
}

export function LoopStatusBadge({ status }: { status: ClosedLoopStatus }) {
  const s = LOOP_STATUS[status];
  return (
    <span className={`badge loop-${status.toLowerCase().replace('_', '-')}`}>
      <span aria-hidden="true">{s.icon} </span>
      <FormattedMessage {...s.name} /> · <FormattedMessage {...s.words} />
    </span>
  );
}

/** A status's name alone, where a badge would be too much (a list, a picked person). */
export function AccreditationStatusName({ status }: { status: AccreditationStatus }) {
  return <FormattedMessage {...ACCREDITATION_STATUS[status].name} />;
}

export function LoopStatusName({ status }: { status: ClosedLoopStatus }) {
  return <FormattedMessage {...LOOP_STATUS[status].name} />;
}

/** What a field shows when the caller's role may not read it: hidden, not empty. */
export function HiddenForRole() {
  return (
    <span className="muted hidden-for-role">
      <FormattedMessage id="common.hiddenForRole" defaultMessage="Hidden for your role" />
    </span>
  );
}

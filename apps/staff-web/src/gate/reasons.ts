import type { IntlShape, MessageDescriptor } from 'react-intl';
import type { DenialReason } from '../gql/graphql';
import { defineMessages } from '../i18n/define';

/** Every denial reason in plain words, for the officer and the person at the gate. */
export const REASON_MESSAGES: Readonly<Record<DenialReason, MessageDescriptor>> = defineMessages({
  UNKNOWN_CARD: { id: 'reason.UNKNOWN_CARD', defaultMessage: 'This card number is not known.' },
  INVALID_TOKEN: {
    id: 'reason.INVALID_TOKEN',
    defaultMessage: 'The card’s code could not be verified: it is damaged or not genuine.',
  },
  SUPERSEDED_TOKEN: {
    id: 'reason.SUPERSEDED_TOKEN',
    defaultMessage: 'This card has been replaced by a newer card and is no longer valid.',
  },
  DOCUMENT_MISMATCH: {
    id: 'reason.DOCUMENT_MISMATCH',
    defaultMessage: 'The passport or ID number does not match the accreditation.',
  },
  NOT_APPROVED: {
    id: 'reason.NOT_APPROVED',
    defaultMessage: 'The accreditation has not been approved.',
  },
  NOT_ACTIVE: {
    id: 'reason.NOT_ACTIVE',
    defaultMessage: 'The card has not been validated on arrival yet.',
  },
  SUSPENDED: { id: 'reason.SUSPENDED', defaultMessage: 'The accreditation is suspended.' },
  REVOKED: { id: 'reason.REVOKED', defaultMessage: 'The accreditation has been revoked.' },
  OUTSIDE_VALIDITY: {
    id: 'reason.OUTSIDE_VALIDITY',
    defaultMessage: 'The card is not valid at this date and time.',
  },
  NO_VENUE_ACCESS: {
    id: 'reason.NO_VENUE_ACCESS',
    defaultMessage: 'The card does not give access to this venue.',
  },
  NO_ZONE_ACCESS: {
    id: 'reason.NO_ZONE_ACCESS',
    defaultMessage: 'The card does not give access to this zone.',
  },
  NOT_IN_CLOSED_LOOP: {
    id: 'reason.NOT_IN_CLOSED_LOOP',
    defaultMessage: 'The person is not inside the closed loop (not arrived, or already departed).',
  },
  ISOLATED: {
    id: 'reason.ISOLATED',
    defaultMessage: 'The person is in isolation after a positive test.',
  },
  TEST_OVERDUE: {
    id: 'reason.TEST_OVERDUE',
    defaultMessage: 'A new negative test is due before entering.',
  },
  ALREADY_INSIDE: {
    id: 'reason.ALREADY_INSIDE',
    defaultMessage: 'The card was already used to enter here and has not been scanned out.',
  },
});

/** The contract's order of reasons, the order in which they are listed. */
export const REASON_ORDER: readonly DenialReason[] = [
  'UNKNOWN_CARD',
  'INVALID_TOKEN',
  'SUPERSEDED_TOKEN',
  'DOCUMENT_MISMATCH',
  'NOT_APPROVED',
  'NOT_ACTIVE',
  'SUSPENDED',
  'REVOKED',
  'OUTSIDE_VALIDITY',
  'NO_VENUE_ACCESS',
  'NO_ZONE_ACCESS',
  'NOT_IN_CLOSED_LOOP',
  'ISOLATED',
  'TEST_OVERDUE',
  'ALREADY_INSIDE',
];

/** A reason in the reader's language; one this client does not know (a newer server) by its code. */
export function reasonIn(intl: IntlShape, reason: DenialReason): string {
  const message = Object.hasOwn(REASON_MESSAGES, reason) ? REASON_MESSAGES[reason] : undefined;
  return message
    ? intl.formatMessage(message)
    : intl.formatMessage(
        { id: 'reason.unknown', defaultMessage: 'Denied: {reason}' },
        { reason: String(reason) },
      );
}

/**
 * A reason in English, whatever the screen's language: for files that leave the
 * client (CSV exports), read by spreadsheets and partners.
 */
export function reasonText(reason: DenialReason): string {
  const message = Object.hasOwn(REASON_MESSAGES, reason) ? REASON_MESSAGES[reason] : undefined;
  return typeof message?.defaultMessage === 'string'
    ? message.defaultMessage
    : `Denied: ${String(reason)}`;
}

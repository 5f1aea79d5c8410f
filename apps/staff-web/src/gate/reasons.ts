import type { DenialReason } from '../gql/graphql';

/** Every denial reason in plain words, for the officer and the person at the gate. */
export const REASON_TEXT: Readonly<Record<DenialReason, string>> = {
  UNKNOWN_CARD: 'This card number is not known.',
  INVALID_TOKEN: 'The card’s code could not be verified: it is damaged or not genuine.',
  SUPERSEDED_TOKEN: 'This card has been replaced by a newer card and is no longer valid.',
  DOCUMENT_MISMATCH: 'The passport or ID number does not match the accreditation.',
  NOT_APPROVED: 'The accreditation has not been approved.',
  NOT_ACTIVE: 'The card has not been validated on arrival yet.',
  SUSPENDED: 'The accreditation is suspended.',
  REVOKED: 'The accreditation has been revoked.',
  OUTSIDE_VALIDITY: 'The card is not valid at this date and time.',
  NO_VENUE_ACCESS: 'The card does not give access to this venue.',
  NO_ZONE_ACCESS: 'The card does not give access to this zone.',
  NOT_IN_CLOSED_LOOP:
    'The person is not inside the closed loop (not arrived, or already departed).',
  ISOLATED: 'The person is in isolation after a positive test.',
  TEST_OVERDUE: 'A new negative test is due before entering.',
  ALREADY_INSIDE: 'The card was already used to enter here and has not been scanned out.',
};

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

export function reasonText(reason: DenialReason): string {
  return REASON_TEXT[reason] ?? `Denied: ${String(reason)}`;
}

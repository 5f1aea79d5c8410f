import type { DenialReason } from '../gql/graphql';

/**
 * What the gate operator does next with a denied person, per denial reason: the
 * answer to "and now?" at a queue. Kept as one map (reason → sentence) so the
 * sentences can move into the message catalogues as they are.
 */
export const NEXT_STEP: Readonly<Record<DenialReason, string>> = {
  UNKNOWN_CARD: 'Ask for the physical card and check the number; call a supervisor.',
  INVALID_TOKEN: 'Ask for the physical card; call a supervisor.',
  SUPERSEDED_TOKEN: 'Ask for the newest card; without one, send to the accreditation centre.',
  DOCUMENT_MISMATCH: 'Do not admit; call a supervisor to check the passport or ID.',
  NOT_APPROVED: 'Send to the accreditation centre.',
  NOT_ACTIVE: 'Send to the accreditation centre to have the card validated.',
  SUSPENDED: 'Send to the accreditation centre; do not admit.',
  REVOKED: 'Send to the accreditation centre; do not admit; call a supervisor.',
  OUTSIDE_VALIDITY: 'Send to the accreditation centre: the card is not valid now.',
  NO_VENUE_ACCESS: 'Not allowed here: direct to an allowed entrance.',
  NO_ZONE_ACCESS: 'Not allowed in this zone: direct to an allowed entrance.',
  NOT_IN_CLOSED_LOOP: 'Do not let into the closed loop; call a supervisor.',
  ISOLATED: 'Send to the isolation point; do not admit.',
  TEST_OVERDUE: 'Send to the testing point.',
  ALREADY_INSIDE: 'Ask for the passport or ID (the card may be shared); call a supervisor.',
};

/** Health first: whoever must be isolated or tested goes there before anything else. */
const FIRST: readonly DenialReason[] = ['ISOLATED', 'TEST_OVERDUE'];

/** The steps for a denial's reasons, most urgent first, each said once. */
export function nextSteps(reasons: readonly DenialReason[]): string[] {
  const ordered = [
    ...FIRST.filter((r) => reasons.includes(r)),
    ...reasons.filter((r) => !FIRST.includes(r)),
  ];
  return [...new Set(ordered.map((r) => NEXT_STEP[r] ?? 'Do not admit; call a supervisor.'))];
}

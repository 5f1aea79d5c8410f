import type { IntlShape, MessageDescriptor } from 'react-intl';
import type { DenialReason } from '../gql/graphql';
import { defineMessages } from '../i18n/define';

/**
 * What the gate operator does next with a denied person, per denial reason: the
 * answer to "and now?" at a queue. Kept as one map (reason → sentence) so the
 * sentences are the catalogues' (nextStep.*), one per reason.
 */
export const NEXT_STEP: Readonly<Record<DenialReason, MessageDescriptor>> = defineMessages({
  UNKNOWN_CARD: {
    id: 'nextStep.UNKNOWN_CARD',
    defaultMessage: 'Ask for the physical card and check the number; call a supervisor.',
  },
  INVALID_TOKEN: {
    id: 'nextStep.INVALID_TOKEN',
    defaultMessage: 'Ask for the physical card; call a supervisor.',
  },
  SUPERSEDED_TOKEN: {
    id: 'nextStep.SUPERSEDED_TOKEN',
    defaultMessage: 'Ask for the newest card; without one, send to the accreditation centre.',
  },
  DOCUMENT_MISMATCH: {
    id: 'nextStep.DOCUMENT_MISMATCH',
    defaultMessage: 'Do not admit; call a supervisor to check the passport or ID.',
  },
  NOT_APPROVED: {
    id: 'nextStep.NOT_APPROVED',
    defaultMessage: 'Send to the accreditation centre.',
  },
  NOT_ACTIVE: {
    id: 'nextStep.NOT_ACTIVE',
    defaultMessage: 'Send to the accreditation centre to have the card validated.',
  },
  SUSPENDED: {
    id: 'nextStep.SUSPENDED',
    defaultMessage: 'Send to the accreditation centre; do not admit.',
  },
  REVOKED: {
    id: 'nextStep.REVOKED',
    defaultMessage: 'Send to the accreditation centre; do not admit; call a supervisor.',
  },
  OUTSIDE_VALIDITY: {
    id: 'nextStep.OUTSIDE_VALIDITY',
    defaultMessage: 'Send to the accreditation centre: the card is not valid now.',
  },
  NO_VENUE_ACCESS: {
    id: 'nextStep.NO_VENUE_ACCESS',
    defaultMessage: 'Not allowed here: direct to an allowed entrance.',
  },
  NO_ZONE_ACCESS: {
    id: 'nextStep.NO_ZONE_ACCESS',
    defaultMessage: 'Not allowed in this zone: direct to an allowed entrance.',
  },
  NOT_IN_CLOSED_LOOP: {
    id: 'nextStep.NOT_IN_CLOSED_LOOP',
    defaultMessage: 'Do not let into the closed loop; call a supervisor.',
  },
  ISOLATED: {
    id: 'nextStep.ISOLATED',
    defaultMessage: 'Send to the isolation point; do not admit.',
  },
  TEST_OVERDUE: { id: 'nextStep.TEST_OVERDUE', defaultMessage: 'Send to the testing point.' },
  ALREADY_INSIDE: {
    id: 'nextStep.ALREADY_INSIDE',
    defaultMessage: 'Ask for the passport or ID (the card may be shared); call a supervisor.',
  },
});

const FALLBACK = defineMessages({
  step: { id: 'nextStep.fallback', defaultMessage: 'Do not admit; call a supervisor.' },
}).step;

/** Health first: whoever must be isolated or tested goes there before anything else. */
const FIRST: readonly DenialReason[] = ['ISOLATED', 'TEST_OVERDUE'];

/** The steps for a denial's reasons in the reader's language, most urgent first, each said once. */
export function nextSteps(intl: IntlShape, reasons: readonly DenialReason[]): string[] {
  const ordered = [
    ...FIRST.filter((r) => reasons.includes(r)),
    ...reasons.filter((r) => !FIRST.includes(r)),
  ];
  return [
    ...new Set(
      ordered.map((r) => intl.formatMessage(Object.hasOwn(NEXT_STEP, r) ? NEXT_STEP[r] : FALLBACK)),
    ),
  ];
}

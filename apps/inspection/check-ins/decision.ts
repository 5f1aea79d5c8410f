import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import type { CardRecord } from '#libs/accreditation/card-lookup.js';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import { Decision, DenialReason, Direction } from '#apps/inspection/check-ins/check-in.type.js';

export interface GateFacts {
  direction: Direction;
  /** 'invalid' when a token was presented and did not verify. */
  token: { state: 'none' } | { state: 'invalid' } | { state: 'valid'; version: number };
  card: CardRecord | null;
  area: { venueCode: string; zone: string; closedLoop: boolean };
  loop: { status: ClosedLoopStatus; testDueBy: Date | null };
  /** The person's last movement at this area, in occurredAt order. */
  lastMovementHere: MovementKind | null;
  scannedAt: Date;
}

const REASON_ORDER = Object.values(DenialReason);

const grants = (granted: readonly string[], wanted: string) =>
  granted.includes('*') || granted.includes(wanted);

/**
 * DESIGN.md's decision table: every reason that applies, in the enum's order.
 * ADMITTED exactly when none does. An OUT scan of a known card is always
 * ADMITTED; a token that does not verify is INVALID_TOKEN and nothing else.
 */
export function decide(facts: GateFacts): { decision: Decision; reasons: DenialReason[] } {
  const reasons = new Set<DenialReason>();
  const { card, area, loop } = facts;
  if (facts.token.state === 'invalid') {
    reasons.add(DenialReason.INVALID_TOKEN);
  } else if (!card) {
    reasons.add(DenialReason.UNKNOWN_CARD);
  } else if (facts.direction === Direction.IN) {
    if (facts.token.state === 'valid' && facts.token.version < card.tokenVersion) {
      reasons.add(DenialReason.SUPERSEDED_TOKEN);
    }
    if (
      card.status === AccreditationStatus.SUBMITTED ||
      card.status === AccreditationStatus.APPROVED
    ) {
      reasons.add(DenialReason.NOT_ACTIVE);
    }
    if (card.status === AccreditationStatus.SUSPENDED) reasons.add(DenialReason.SUSPENDED);
    if (card.status === AccreditationStatus.REVOKED) reasons.add(DenialReason.REVOKED);
    const t = facts.scannedAt.getTime();
    if (t < card.validFrom.getTime() || t > card.validUntil.getTime()) {
      reasons.add(DenialReason.OUTSIDE_VALIDITY);
    }
    if (!grants(card.venues, area.venueCode)) reasons.add(DenialReason.NO_VENUE_ACCESS);
    if (!grants(card.zones, area.zone)) reasons.add(DenialReason.NO_ZONE_ACCESS);
    if (
      area.closedLoop &&
      (loop.status === ClosedLoopStatus.OUTSIDE || loop.status === ClosedLoopStatus.EXITED)
    ) {
      reasons.add(DenialReason.NOT_IN_CLOSED_LOOP);
    }
    if (loop.status === ClosedLoopStatus.ISOLATED) reasons.add(DenialReason.ISOLATED);
    if (area.closedLoop && loop.testDueBy && t > loop.testDueBy.getTime()) {
      reasons.add(DenialReason.TEST_OVERDUE);
    }
    if (facts.lastMovementHere === MovementKind.ENTRY) reasons.add(DenialReason.ALREADY_INSIDE);
  }
  const ordered = REASON_ORDER.filter((r) => reasons.has(r));
  return { decision: ordered.length === 0 ? Decision.ADMITTED : Decision.DENIED, reasons: ordered };
}

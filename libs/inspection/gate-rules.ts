/**
 * DESIGN.md's gate rules in one pure module with no imports, shared by the
 * inspection service (its decision table, apps/inspection/check-ins/decision.ts,
 * and its cardDenyList) and by the staff web client's offline gate
 * (apps/staff-web/src/gate/offline.ts, through the `@gate-rules` alias), so a gate
 * that decides alone applies the very rule the server applies. Statuses and
 * reasons are the GraphQL enums' values as strings; the server's string enums
 * are assignable to them.
 */

export type AccreditationStatusCode = 'SUBMITTED' | 'APPROVED' | 'ACTIVE' | 'SUSPENDED' | 'REVOKED';
export type LoopStatusCode = 'OUTSIDE' | 'IN_LOOP' | 'CLOSE_CONTACT' | 'ISOLATED' | 'EXITED';
export type DirectionCode = 'IN' | 'OUT';
export type DecisionCode = 'ADMITTED' | 'DENIED';
export type MovementKindCode = 'ENTRY' | 'EXIT';

/** DenialReason's values in its declaration order: the order reasons are reported in. */
export const DENIAL_REASON_ORDER = [
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
] as const;
export type DenialReasonCode = (typeof DENIAL_REASON_ORDER)[number];

/** What the decision needs of a card: its record, or for an offline gate its token's claims. */
export interface GateCard {
  status: AccreditationStatusCode;
  tokenVersion: number;
  validFrom: Date;
  validUntil: Date;
  venues: readonly string[];
  zones: readonly string[];
}

export interface GateFacts {
  direction: DirectionCode;
  /** 'invalid' when a token was presented and did not verify. */
  token: { state: 'none' } | { state: 'invalid' } | { state: 'valid'; version: number };
  card: GateCard | null;
  area: { venueCode: string; zone: string; closedLoop: boolean };
  loop: { status: LoopStatusCode; testDueBy: Date | null };
  /** The person's last movement at this area, in occurredAt order. */
  lastMovementHere: MovementKindCode | null;
  scannedAt: Date;
}

export interface GateDecision {
  decision: DecisionCode;
  reasons: DenialReasonCode[];
}

const grants = (granted: readonly string[], wanted: string) =>
  granted.includes('*') || granted.includes(wanted);

const ordered = (reasons: ReadonlySet<DenialReasonCode>): DenialReasonCode[] =>
  DENIAL_REASON_ORDER.filter((r) => reasons.has(r));

/** The reasons a card's status gives, wherever it is scanned. */
function statusReasons(status: AccreditationStatusCode): DenialReasonCode[] {
  switch (status) {
    case 'SUBMITTED':
    case 'APPROVED':
      return ['NOT_ACTIVE'];
    case 'SUSPENDED':
      return ['SUSPENDED'];
    case 'REVOKED':
      return ['REVOKED'];
    case 'ACTIVE':
      return [];
  }
}

const outOfLoop = (status: LoopStatusCode) => status === 'OUTSIDE' || status === 'EXITED';

/**
 * DESIGN.md's decision table: every reason that applies, in the enum's order.
 * ADMITTED exactly when none does. An OUT scan of a known card is always
 * ADMITTED; a token that does not verify is INVALID_TOKEN and nothing else.
 */
export function decide(facts: GateFacts): GateDecision {
  const reasons = new Set<DenialReasonCode>();
  const { card, area, loop } = facts;
  if (facts.token.state === 'invalid') {
    reasons.add('INVALID_TOKEN');
  } else if (!card) {
    reasons.add('UNKNOWN_CARD');
  } else if (facts.direction === 'IN') {
    if (facts.token.state === 'valid' && facts.token.version < card.tokenVersion) {
      reasons.add('SUPERSEDED_TOKEN');
    }
    for (const r of statusReasons(card.status)) reasons.add(r);
    const t = facts.scannedAt.getTime();
    if (t < card.validFrom.getTime() || t > card.validUntil.getTime()) {
      reasons.add('OUTSIDE_VALIDITY');
    }
    if (!grants(card.venues, area.venueCode)) reasons.add('NO_VENUE_ACCESS');
    if (!grants(card.zones, area.zone)) reasons.add('NO_ZONE_ACCESS');
    if (area.closedLoop && outOfLoop(loop.status)) reasons.add('NOT_IN_CLOSED_LOOP');
    if (loop.status === 'ISOLATED') reasons.add('ISOLATED');
    if (area.closedLoop && loop.testDueBy && t > loop.testDueBy.getTime()) {
      reasons.add('TEST_OVERDUE');
    }
    if (facts.lastMovementHere === 'ENTRY') reasons.add('ALREADY_INSIDE');
  }
  const list = ordered(reasons);
  return { decision: list.length === 0 ? 'ADMITTED' : 'DENIED', reasons: list };
}

/**
 * How far ahead the deny list looks for tests falling due: a gate that loaded it
 * at t still knows at t + DENY_LIST_HORIZON_HOURS whose test is overdue, so a gate
 * may decide offline on a list at most this old.
 */
export const DENY_LIST_HORIZON_HOURS = 24;
/** The age of the deny list past which a gate refuses to decide offline, unless set otherwise. */
export const DEFAULT_OFFLINE_LIMIT_HOURS = 12;

/** One card of the deny list (the contract's CardDenyListEntry), testDueBy as a Date. */
export interface DenyListFacts {
  cardNumber: string;
  tokenVersion: number;
  status: AccreditationStatusCode;
  reasons: DenialReasonCode[];
  testDueBy: Date | null;
}

/**
 * A card's deny-list entry at `now`, or null when the card is not listed. Listed:
 * every card with a reason that holds at every area now (its status, not in the
 * loop, isolated, test overdue: the latter two only where an area is closed-loop),
 * every reissued card (older tokens are superseded), and every holder whose test
 * falls due within DENY_LIST_HORIZON_HOURS (with testDueBy, so a gate offline for
 * hours still denies TEST_OVERDUE in time). Anyone listed carries their testDueBy.
 */
export function denyListEntry(
  card: { cardNumber: string; status: AccreditationStatusCode; tokenVersion: number },
  loop: { status: LoopStatusCode; testDueBy: Date | null },
  now: Date,
): DenyListFacts | null {
  const reasons = new Set<DenialReasonCode>(statusReasons(card.status));
  if (outOfLoop(loop.status)) reasons.add('NOT_IN_CLOSED_LOOP');
  if (loop.status === 'ISOLATED') reasons.add('ISOLATED');
  const due = loop.testDueBy?.getTime() ?? null;
  if (due !== null && now.getTime() > due) reasons.add('TEST_OVERDUE');
  const dueSoon = due !== null && due <= now.getTime() + DENY_LIST_HORIZON_HOURS * 3_600_000;
  if (reasons.size === 0 && card.tokenVersion <= 1 && !dueSoon) return null;
  return {
    cardNumber: card.cardNumber,
    tokenVersion: card.tokenVersion,
    status: card.status,
    reasons: ordered(reasons),
    testDueBy: loop.testDueBy,
  };
}

/**
 * What an offline gate knows of a card whose token verified: the token's claims
 * for validity and access, and the deny list for the rest. A card absent from the
 * list is ACTIVE at the token's version, in the loop, with no test due within the
 * horizon; a listed one has the list's status, version and testDueBy, and its
 * loop status is what its reasons say (ISOLATED, or out of the loop).
 */
export function offlineFacts(input: {
  claims: {
    tokenVersion: number;
    validFrom: Date;
    validUntil: Date;
    venues: readonly string[];
    zones: readonly string[];
  };
  entry: DenyListFacts | null;
  area: { venueCode: string; zone: string; closedLoop: boolean };
  direction: DirectionCode;
  scannedAt: Date;
}): GateFacts {
  const { claims, entry } = input;
  const loopStatus: LoopStatusCode = entry?.reasons.includes('ISOLATED')
    ? 'ISOLATED'
    : entry?.reasons.includes('NOT_IN_CLOSED_LOOP')
      ? 'OUTSIDE'
      : 'IN_LOOP';
  return {
    direction: input.direction,
    token: { state: 'valid', version: claims.tokenVersion },
    card: {
      status: entry?.status ?? 'ACTIVE',
      tokenVersion: entry?.tokenVersion ?? claims.tokenVersion,
      validFrom: claims.validFrom,
      validUntil: claims.validUntil,
      venues: claims.venues,
      zones: claims.zones,
    },
    area: input.area,
    loop: { status: loopStatus, testDueBy: entry?.testDueBy ?? null },
    // Who is inside is known only to the server: ALREADY_INSIDE is not judged offline.
    lastMovementHere: null,
    scannedAt: input.scannedAt,
  };
}

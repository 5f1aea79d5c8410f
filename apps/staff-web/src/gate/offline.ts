import { Buffer } from 'buffer';
import {
  keysOfJwks,
  looksLikeCardToken,
  verifyCardToken as verifyToken,
  type CardCatalogue,
  type CardTokenPayload,
} from '@card-token';
import type { AccreditationStatus, DenialReason, Direction, Decision } from '../gql/graphql';

// base45 decoding hands back a Buffer: browsers have none of their own.
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;

export type { CardCatalogue };

/** What a card token carries (see libs/accreditation/card-token.ts): the venues and zones named by the catalogue. */
export type CardClaims = CardTokenPayload;

export interface DenyListEntry {
  cardNumber: string;
  status: AccreditationStatus;
  tokenVersion: number;
}

export interface AreaRules {
  code: string;
  venueCode: string;
  zone: string;
}

export interface OfflineDecision {
  decision: Decision;
  reasons: DenialReason[];
}

/** The catalogue by position, from the venues query. */
export function catalogueOf(
  venues: readonly { code: string; position: number; zones: string[]; zonePositions: number[] }[],
): CardCatalogue {
  const catalogue: { venues: string[]; zones: string[] } = { venues: [], zones: [] };
  for (const v of venues) {
    catalogue.venues[v.position] = v.code;
    v.zones.forEach((zone, i) => (catalogue.zones[v.zonePositions[i]] = zone));
  }
  return catalogue;
}

/** True when the text looks like a card's QR code (base45), not a typed card number. */
export function looksLikeToken(text: string): boolean {
  return looksLikeCardToken(text.trim());
}

/**
 * Verifies a card token against the cached JWK Set (the token's kid names its
 * key) and returns its claims, venues and zones named with the cached
 * catalogue, or null when it does not verify.
 */
export async function verifyCardToken(
  token: string,
  jwks: string,
  catalogue: CardCatalogue | null = null,
): Promise<CardClaims | null> {
  return verifyToken(token.trim(), keysOfJwks(jwks), catalogue ?? undefined);
}

function grants(list: readonly string[], code: string): boolean {
  return list.includes('*') || list.includes(code);
}

/**
 * What a gate decides alone, from a verified token and the cached deny list.
 * Reasons come in the contract's order; what only the server knows (closed-loop
 * state, tests, who is inside) is not judged here.
 */
export function decideOffline(input: {
  claims: CardClaims | null;
  denyList: readonly DenyListEntry[];
  area: AreaRules;
  direction: Direction;
  at: Date;
}): OfflineDecision {
  const { claims, denyList, area, direction, at } = input;
  if (!claims) return { decision: 'DENIED', reasons: ['INVALID_TOKEN'] };
  if (direction === 'OUT') return { decision: 'ADMITTED', reasons: [] };

  const reasons: DenialReason[] = [];
  const listed = denyList.find((e) => e.cardNumber === claims.cn);
  if (listed && claims.tv < listed.tokenVersion) reasons.push('SUPERSEDED_TOKEN');
  if (listed?.status === 'SUSPENDED') reasons.push('SUSPENDED');
  if (listed?.status === 'REVOKED') reasons.push('REVOKED');
  const from = Date.parse(claims.vf);
  const until = Date.parse(claims.vu);
  const t = at.getTime();
  if (Number.isNaN(from) || Number.isNaN(until) || t < from || t > until) {
    reasons.push('OUTSIDE_VALIDITY');
  }
  if (!grants(claims.ven, area.venueCode)) reasons.push('NO_VENUE_ACCESS');
  if (!grants(claims.zon, area.zone)) reasons.push('NO_ZONE_ACCESS');
  return { decision: reasons.length === 0 ? 'ADMITTED' : 'DENIED', reasons };
}

import { compactVerify, importJWK, type JWK } from 'jose';
import type { AccreditationStatus, DenialReason, Direction, Decision } from '../gql/graphql';

/** What a card token carries (see the gateway's card signer). */
export interface CardClaims {
  cn: string;
  tv: number;
  pid: string;
  vf: string;
  vu: string;
  ven: string[];
  zon: string[];
  cat: string;
  gn: string;
  fn: string;
  org: string;
}

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

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function asClaims(value: unknown): CardClaims | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const strings = ['cn', 'pid', 'vf', 'vu', 'cat', 'gn', 'fn', 'org'] as const;
  if (!strings.every((k) => typeof v[k] === 'string')) return null;
  if (typeof v.tv !== 'number' || !isStringArray(v.ven) || !isStringArray(v.zon)) return null;
  return value as CardClaims;
}

function parseKeySet(jwks: string): JWK[] {
  try {
    const parsed = JSON.parse(jwks) as { keys?: unknown };
    return Array.isArray(parsed.keys) ? (parsed.keys as JWK[]) : [];
  } catch {
    return [];
  }
}

/** True when the text looks like a compact JWS (three base64url parts). */
export function looksLikeToken(text: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(text.trim());
}

/**
 * Verifies a card token against the cached JWK Set (the token's kid names its
 * key) and returns its claims, or null when it does not verify.
 */
export async function verifyCardToken(token: string, jwks: string): Promise<CardClaims | null> {
  const keys = parseKeySet(jwks);
  try {
    const { payload } = await compactVerify(
      token.trim(),
      async (header) => {
        const jwk = keys.find((k) => k.kid === header.kid);
        if (!jwk) throw new Error('unknown key');
        return importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA');
      },
      { algorithms: ['EdDSA', 'Ed25519'] },
    );
    return asClaims(JSON.parse(new TextDecoder().decode(payload)));
  } catch {
    return null;
  }
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

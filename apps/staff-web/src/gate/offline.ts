import { Buffer } from 'buffer';
import type { IntlShape } from 'react-intl';
import { defineMessages } from '../i18n/define';
import {
  keysOfJwks,
  looksLikeCardToken,
  verifyCardToken as verifyToken,
  type CardCatalogue,
  type CardTokenPayload,
} from '@card-token';
import {
  DEFAULT_OFFLINE_LIMIT_HOURS,
  DENY_LIST_HORIZON_HOURS,
  decide,
  offlineFacts,
} from '@gate-rules';
import type { AccreditationStatus, DenialReason, Direction, Decision } from '../gql/graphql';

// base45 decoding hands back a Buffer: browsers have none of their own.
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;

export type { CardCatalogue };

/** What a card token carries (see libs/accreditation/card-token.ts): the venues and zones named by the catalogue. */
export type CardClaims = CardTokenPayload;

/** One card of the cached deny list, as the server sent it (testDueBy an ISO instant). */
export interface DenyListEntry {
  cardNumber: string;
  status: AccreditationStatus;
  tokenVersion: number;
  reasons: DenialReason[];
  testDueBy: string | null;
}

export interface AreaRules {
  code: string;
  venueCode: string;
  zone: string;
  closedLoop: boolean;
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

/** A claim's instant; one that does not parse lies outside every validity window. */
function instant(iso: string, fallback: number): Date {
  const t = Date.parse(iso);
  return new Date(Number.isNaN(t) ? fallback : t);
}

const NEVER = 8.64e15;

/**
 * What a gate decides alone, by the server's own rule (libs/inspection/gate-rules.ts):
 * the token's claims give validity and access; the cached deny list gives the card's
 * status and version, whether its holder is out of the loop or isolated, and when
 * their test falls due (TEST_OVERDUE is judged at the scan's time). Who is inside
 * is known only to the server, so ALREADY_INSIDE is not judged here.
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
  const listed = denyList.find((e) => e.cardNumber === claims.cn);
  return decide(
    offlineFacts({
      claims: {
        tokenVersion: claims.tv,
        validFrom: instant(claims.vf, NEVER),
        validUntil: instant(claims.vu, -NEVER),
        venues: claims.ven,
        zones: claims.zon,
      },
      entry: listed
        ? { ...listed, testDueBy: listed.testDueBy ? new Date(listed.testDueBy) : null }
        : null,
      area,
      direction,
      scannedAt: at,
    }),
  );
}

/** The hours a gate may decide offline on its cached data, as set on this device (1 to 24). */
export function offlineLimitHours(value: unknown): number {
  const n = typeof value === 'number' ? Math.round(value) : NaN;
  if (!Number.isFinite(n)) return DEFAULT_OFFLINE_LIMIT_HOURS;
  // Beyond the deny list's horizon, tests falling due would go unseen.
  return Math.min(DENY_LIST_HORIZON_HOURS, Math.max(1, n));
}

const AGE = defineMessages({
  underAMinute: { id: 'age.underAMinute', defaultMessage: 'less than a minute' },
  minutes: { id: 'age.minutes', defaultMessage: '{m} min' },
  hours: { id: 'age.hours', defaultMessage: '{h} h' },
  hoursMinutes: { id: 'age.hoursMinutes', defaultMessage: '{h} h {m} min' },
});

/** "3 h 5 min", "45 min", "less than a minute", in the reader's language. */
export function formatAge(intl: IntlShape, ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return intl.formatMessage(AGE.underAMinute);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return intl.formatMessage(AGE.minutes, { m });
  return intl.formatMessage(m === 0 ? AGE.hours : AGE.hoursMinutes, { h, m });
}

const NOT_READY = defineMessages({
  noKeys: {
    id: 'offline.noKeys',
    defaultMessage:
      'Offline, and this device has not yet loaded the card keys: it cannot check cards alone. Let the scan be checked once the connection returns.',
  },
  noDenyList: {
    id: 'offline.noDenyList',
    defaultMessage:
      'Offline, and this device has not yet loaded the list of cards to refuse (suspended, isolated, tests overdue): it cannot check cards alone. Let the scan be checked once the connection returns.',
  },
  tooOld: {
    id: 'offline.tooOld',
    defaultMessage:
      'Offline, and this device’s card data is {age} old, older than the {limit}-hour limit: it cannot decide alone. Let the scan be checked once the connection returns.',
  },
});

/** Why this gate cannot decide offline, in the reader's language. */
export function notReadyText(
  intl: IntlShape,
  readiness: { ready: false; why: keyof typeof NOT_READY; ageMs?: number; limitHours?: number },
): string {
  return intl.formatMessage(NOT_READY[readiness.why], {
    age: formatAge(intl, readiness.ageMs ?? 0),
    limit: readiness.limitHours ?? 0,
  });
}

/** Whether the cached data lets this gate decide offline now; if not, why, in words. */
export function offlineReadiness(
  data: {
    keys: string | null;
    denyList: readonly DenyListEntry[] | null;
    denyListAt: string | null;
  },
  now: Date,
  limitHours: number,
):
  | { ready: true }
  | { ready: false; why: keyof typeof NOT_READY; ageMs?: number; limitHours?: number } {
  if (!data.keys) return { ready: false, why: 'noKeys' };
  if (!data.denyList || !data.denyListAt) return { ready: false, why: 'noDenyList' };
  const age = now.getTime() - Date.parse(data.denyListAt);
  if (!(age <= limitHours * 3_600_000)) {
    return { ready: false, why: 'tooOld', ageMs: age, limitHours };
  }
  return { ready: true };
}

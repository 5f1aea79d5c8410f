import { decode as decodeCbor, encode as encodeCbor } from 'cbor2';
import base45 from 'base45-js';

/**
 * The card's QR code: a CBOR Web Token (RFC 8392) in a COSE_Sign1 structure
 * (RFC 9052), signed with the card key (EdDSA over Ed25519) and written in
 * base45 (RFC 9285), as the EU digital COVID certificate does. Every character
 * is in the QR code's alphanumeric mode and the whole stays within
 * CARD_TOKEN_MAX_LENGTH, so a small QR code on the card holds it.
 *
 * The claims are what a gate needs offline and no more (the person is found
 * from the card number): integer keys, times as seconds, and the venues and
 * zones as bit sets over their positions in the venue catalogue.
 *
 * This module runs in the services and in the staff client (offline gates):
 * it uses only Web Crypto, cbor2 and base45-js.
 */
export const CARD_TOKEN_MAX_LENGTH = 200;
/** The catalogue's venue positions a token can carry (a bit set of 11 bytes). */
export const MAX_VENUE_POSITIONS = 88;
/** The catalogue's zone positions a token can carry (a bit set of 2 bytes). */
export const MAX_ZONE_POSITIONS = 16;
/** The longest key id a token names (its bytes are in every token). */
export const MAX_KID_LENGTH = 16;

/** A JSON Web Key as published in cardVerificationKeys (only what Ed25519 needs). */
export interface CardJwk {
  kty?: string;
  crv?: string;
  x?: string;
  d?: string;
  kid?: string;
  alg?: string;
  use?: string;
}

/** What a card token says, with venues and zones as catalogue codes. */
export interface CardTokenPayload {
  /** Card number, with its check digit. */
  cn: string;
  /** Token version: raised by each reissue, so older printed cards are superseded. */
  tv: number;
  /** Validity, ISO 8601 (whole seconds). */
  vf: string;
  vu: string;
  /** Venue and zone codes, or ['*'] for all. */
  ven: string[];
  zon: string[];
}

/**
 * Venue and zone codes by their position in the catalogue (positions never
 * change once given; a missing position is one no longer in use).
 */
export interface CardCatalogue {
  venues: readonly (string | undefined)[];
  zones: readonly (string | undefined)[];
}

export interface SigningKey {
  kid: string;
  privateJwk: CardJwk;
}

// COSE and CWT labels.
const COSE_ALG = 1;
const COSE_KID = 4;
const COSE_EDDSA = -8;
const COSE_SIGN1_TAG = 18;
const CWT_EXP = 4;
const CWT_NBF = 5;
// Private claims (negative keys are one byte).
const CLAIM_CARD = -1;
const CLAIM_VERSION = -2;
const CLAIM_VENUES = -3;
const CLAIM_ZONES = -4;

const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/;

export class CardTokenError extends Error {}

function bitSet(
  codes: readonly string[],
  catalogue: readonly (string | undefined)[],
  what: string,
): Uint8Array | true {
  if (codes.includes('*')) return true;
  const positions = codes.map((code) => {
    const p = catalogue.indexOf(code);
    if (p < 0) throw new CardTokenError(`${what} ${code} is not in the venue catalogue`);
    return p;
  });
  const bits = new Uint8Array(positions.length === 0 ? 0 : (Math.max(...positions) >> 3) + 1);
  for (const p of positions) bits[p >> 3] |= 1 << (p & 7);
  return bits;
}

function codesOf(value: unknown, catalogue: readonly (string | undefined)[]): string[] | null {
  if (value === true) return ['*'];
  if (!(value instanceof Uint8Array)) return null;
  const codes: string[] = [];
  for (let p = 0; p < value.length * 8; p++) {
    const code = catalogue[p];
    if (value[p >> 3] & (1 << (p & 7)) && code !== undefined) codes.push(code);
  }
  return codes;
}

function seconds(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new CardTokenError(`${iso} is not a time`);
  return Math.floor(ms / 1000);
}

function sigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedHeader, new Uint8Array(0), payload]);
}

/** A copy in a plain ArrayBuffer-backed array, as Web Crypto takes it. */
function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

async function importKey(jwk: CardJwk, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  const { kty, crv, x, d } = jwk;
  return crypto.subtle.importKey(
    'jwk',
    usage === 'sign' ? { kty, crv, x, d } : { kty, crv, x },
    { name: 'Ed25519' },
    false,
    [usage],
  );
}

/** Signs a card token; throws CardTokenError when a code is not in the catalogue. */
export async function signCardToken(
  payload: CardTokenPayload,
  key: SigningKey,
  catalogue: CardCatalogue,
): Promise<string> {
  const cardNumber = Number(payload.cn);
  if (!/^\d{1,15}$/.test(payload.cn)) throw new CardTokenError('a card number is digits');
  const claims = new Map<number, unknown>([
    [CLAIM_CARD, cardNumber],
    [CLAIM_VERSION, payload.tv],
    [CWT_NBF, seconds(payload.vf)],
    [CWT_EXP, seconds(payload.vu)],
    [CLAIM_VENUES, bitSet(payload.ven, catalogue.venues, 'venue')],
    [CLAIM_ZONES, bitSet(payload.zon, catalogue.zones, 'zone')],
  ]);
  const protectedHeader = encodeCbor(
    new Map<number, unknown>([
      [COSE_ALG, COSE_EDDSA],
      [COSE_KID, new TextEncoder().encode(key.kid)],
    ]),
  );
  const body = encodeCbor(claims);
  const privateKey = await importKey(key.privateJwk, 'sign');
  const signature = new Uint8Array(
    await crypto.subtle.sign('Ed25519', privateKey, buffer(sigStructure(protectedHeader, body))),
  );
  const sign1 = [protectedHeader, new Map(), body, signature];
  const cose = encodeCbor(sign1);
  // Tag 18 (COSE_Sign1) is one byte: 0xD2.
  const tagged = new Uint8Array(cose.length + 1);
  tagged[0] = 0xc0 | COSE_SIGN1_TAG;
  tagged.set(cose, 1);
  const token = base45.encode(tagged);
  if (token.length > CARD_TOKEN_MAX_LENGTH) {
    throw new CardTokenError(`a card token of ${token.length} characters is too long for the card`);
  }
  return token;
}

/** The public half of a signing key, as published in the JWK Set. */
export function publicJwkOf(key: SigningKey): CardJwk {
  const { kty, crv, x } = key.privateJwk;
  return { kty, crv, x, kid: key.kid, alg: 'EdDSA', use: 'sig' };
}

/** True when the text has the form of a card token (not of a typed card number). */
export function looksLikeCardToken(text: string): boolean {
  return text.length >= 100 && text.length <= CARD_TOKEN_MAX_LENGTH && ALPHANUMERIC.test(text);
}

function asMap(value: unknown): Map<unknown, unknown> | null {
  return value instanceof Map ? value : null;
}

/**
 * The claims of a token that verifies against one of the given public keys
 * (chosen by kid), or null for anything forged, altered, malformed or signed
 * by an unknown or retired key. Venue and zone positions are named with the
 * catalogue; a position the catalogue no longer has names nothing.
 */
export async function verifyCardToken(
  token: string,
  publicKeys: ReadonlyMap<string, CardJwk>,
  catalogue: CardCatalogue = { venues: [], zones: [] },
): Promise<CardTokenPayload | null> {
  try {
    if (token.length > CARD_TOKEN_MAX_LENGTH || !ALPHANUMERIC.test(token)) return null;
    const bytes = new Uint8Array(base45.decode(token));
    if (bytes[0] !== (0xc0 | COSE_SIGN1_TAG)) return null;
    const sign1 = decodeCbor<unknown>(bytes.subarray(1));
    if (!Array.isArray(sign1) || sign1.length !== 4) return null;
    const [protectedHeader, , body, signature] = sign1 as unknown[];
    if (
      !(protectedHeader instanceof Uint8Array) ||
      !(body instanceof Uint8Array) ||
      !(signature instanceof Uint8Array)
    ) {
      return null;
    }
    const header = asMap(decodeCbor(protectedHeader));
    const kidBytes = header?.get(COSE_KID);
    if (header?.get(COSE_ALG) !== COSE_EDDSA || !(kidBytes instanceof Uint8Array)) return null;
    const jwk = publicKeys.get(new TextDecoder().decode(kidBytes));
    if (!jwk) return null;
    const publicKey = await importKey(jwk, 'verify');
    const valid = await crypto.subtle.verify(
      'Ed25519',
      publicKey,
      buffer(signature),
      buffer(sigStructure(protectedHeader, body)),
    );
    if (!valid) return null;
    const claims = asMap(decodeCbor(body));
    if (!claims) return null;
    const cn = claims.get(CLAIM_CARD);
    const tv = claims.get(CLAIM_VERSION);
    const nbf = claims.get(CWT_NBF);
    const exp = claims.get(CWT_EXP);
    const ven = codesOf(claims.get(CLAIM_VENUES), catalogue.venues);
    const zon = codesOf(claims.get(CLAIM_ZONES), catalogue.zones);
    if (
      typeof cn !== 'number' ||
      typeof tv !== 'number' ||
      typeof nbf !== 'number' ||
      typeof exp !== 'number' ||
      !ven ||
      !zon
    ) {
      return null;
    }
    return {
      cn: String(cn).padStart(8, '0'),
      tv,
      vf: new Date(nbf * 1000).toISOString(),
      vu: new Date(exp * 1000).toISOString(),
      ven,
      zon,
    };
  } catch {
    return null;
  }
}

/** The keys of a JWK Set (JSON) by kid; an unreadable set has none. */
export function keysOfJwks(jwks: string): Map<string, CardJwk> {
  try {
    const parsed = JSON.parse(jwks) as { keys?: unknown };
    const keys = Array.isArray(parsed.keys) ? (parsed.keys as CardJwk[]) : [];
    return new Map(keys.filter((k) => typeof k.kid === 'string').map((k) => [k.kid!, k]));
  } catch {
    return new Map();
  }
}

/** Parses CARD_SIGNING_KEY: an Ed25519 private JWK with its kid. */
export function parseSigningKey(json: string): SigningKey {
  let jwk: CardJwk;
  try {
    jwk = JSON.parse(json) as CardJwk;
  } catch {
    // Not the parser's message: it quotes the text, and the text is the private key.
    throw new Error('CARD_SIGNING_KEY is not JSON: it must be an Ed25519 private JWK with a kid');
  }
  if (
    typeof jwk !== 'object' ||
    jwk === null ||
    jwk.kty !== 'OKP' ||
    jwk.crv !== 'Ed25519' ||
    !jwk.d ||
    !jwk.x ||
    !jwk.kid
  ) {
    throw new Error('CARD_SIGNING_KEY must be an Ed25519 private JWK with a kid');
  }
  if (new TextEncoder().encode(jwk.kid).length > MAX_KID_LENGTH) {
    throw new Error(
      `CARD_SIGNING_KEY's kid must be at most ${MAX_KID_LENGTH} bytes: every card's QR code carries it`,
    );
  }
  return { kid: jwk.kid, privateJwk: jwk };
}

import { compactVerify, CompactSign, importJWK, type JWK } from 'jose';

/**
 * What a card's QR code carries, signed (compact JWS, EdDSA over Ed25519) so
 * that a scanner can trust it offline. Short keys keep the QR code small.
 */
export interface CardTokenPayload {
  /** Card number. */
  cn: string;
  /** Token version: raised by each reissue, so older printed cards are superseded. */
  tv: number;
  pid: string;
  /** Validity, ISO 8601. */
  vf: string;
  vu: string;
  ven: string[];
  zon: string[];
  cat: string;
  gn: string;
  fn: string;
  org: string;
}

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
}

export async function signCardToken(payload: CardTokenPayload, key: SigningKey): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, 'EdDSA');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'card+jws' })
    .sign(privateKey);
}

/** The public half of a signing key, as published in the JWK Set. */
export function publicJwkOf(key: SigningKey): JWK {
  const { kty, crv, x } = key.privateJwk;
  return { kty, crv, x, kid: key.kid, alg: 'EdDSA', use: 'sig' };
}

/**
 * The payload of a token that verifies against one of the given public keys
 * (chosen by kid), or null for anything forged, malformed or signed by an
 * unknown or retired key.
 */
export async function verifyCardToken(
  token: string,
  publicKeys: ReadonlyMap<string, JWK>,
): Promise<CardTokenPayload | null> {
  try {
    const { payload } = await compactVerify(
      token,
      async (header) => {
        const jwk = header.kid ? publicKeys.get(header.kid) : undefined;
        if (!jwk || header.alg !== 'EdDSA') throw new Error('unknown key');
        return importJWK(jwk, 'EdDSA');
      },
      { algorithms: ['EdDSA'] },
    );
    const parsed = JSON.parse(new TextDecoder().decode(payload)) as Partial<CardTokenPayload>;
    if (typeof parsed.cn !== 'string' || typeof parsed.tv !== 'number') return null;
    return parsed as CardTokenPayload;
  } catch {
    return null;
  }
}

/** Parses CARD_SIGNING_KEY: an Ed25519 private JWK with its kid. */
export function parseSigningKey(json: string): SigningKey {
  let jwk: JWK;
  try {
    jwk = JSON.parse(json) as JWK;
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
  return { kid: jwk.kid, privateJwk: jwk };
}

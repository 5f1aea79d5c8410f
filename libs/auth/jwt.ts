import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Role } from '#libs/auth/roles.js';

const ISSUER = 'games-accreditation';

function keyFrom(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/**
 * Signs a session token: the user id, the roles the user had when signing in (for the
 * client to show; requests are judged by the roles the database holds now) and the
 * user's session epoch (logout and disable move it on, ending every earlier token).
 */
export async function signSessionToken(
  user: { id: string; roles: Role[]; sessionEpoch: number },
  secret: string,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = new Date((now + ttlSeconds) * 1000);
  const token = await new SignJWT({ roles: user.roles, sep: user.sessionEpoch })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(keyFrom(secret));
  return { token, expiresAt };
}

/** What a genuine, unexpired session token says; still to be checked against the user. */
export interface SessionClaims {
  userId: string;
  sessionEpoch: number;
}

/** Tokens verified before, at most this many; past it the memory starts again empty. */
const MAX_VERIFIED = 10_000;

/**
 * Tokens found genuine, by their exact text and the secret they were checked with, with
 * their expiry: a client sends the same token with every request, and checking its
 * signature again (through WebCrypto) cost more CPU than the rest of judging a request.
 * Only genuine tokens are kept; their expiry is checked again at each use, as jose does.
 */
const verified = new Map<string, { secret: string; claims: SessionClaims; exp: number }>();

/**
 * The claims of a session token, or null when it is forged, malformed, signed with
 * another algorithm (none included), expired, or has no expiry, issue time, subject
 * or session epoch.
 */
export async function verifySessionToken(
  token: string,
  secret: string,
): Promise<SessionClaims | null> {
  const known = verified.get(token);
  if (known && known.secret === secret) {
    // jose's rule with no tolerance: expired once exp <= now, in whole seconds.
    return known.exp > Math.floor(Date.now() / 1000) ? known.claims : null;
  }
  try {
    const { payload } = await jwtVerify(token, keyFrom(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub', 'sep'],
    });
    if (!payload.sub || !Number.isSafeInteger(payload.sep)) return null;
    const claims = { userId: payload.sub, sessionEpoch: payload.sep as number };
    if (verified.size >= MAX_VERIFIED) verified.clear();
    verified.set(token, { secret, claims, exp: payload.exp as number });
    return claims;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}

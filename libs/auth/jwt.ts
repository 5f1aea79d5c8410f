import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { Role } from '#libs/auth/roles.js';
import type { UserPrincipal } from '#libs/auth/principal.js';

const ISSUER = 'games-accreditation';
const ROLES = new Set<string>(Object.values(Role));

function keyFrom(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs a session token: the user id and roles only, no personal data. */
export async function signSessionToken(
  user: { id: string; roles: Role[] },
  secret: string,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = new Date((now + ttlSeconds) * 1000);
  const token = await new SignJWT({ roles: user.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(keyFrom(secret));
  return { token, expiresAt };
}

/** The user a session token names, or null when it is forged, malformed or expired. */
export async function verifySessionToken(
  token: string,
  secret: string,
): Promise<UserPrincipal | null> {
  try {
    const { payload } = await jwtVerify(token, keyFrom(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
    });
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is Role => typeof r === 'string' && ROLES.has(r))
      : [];
    if (!payload.sub) return null;
    return { kind: 'user', id: payload.sub, roles };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}

import { createHash, randomBytes } from 'node:crypto';

/** Every API key secret starts with this, so a leaked one is recognisable (and scannable). */
export const API_KEY_PREFIX = 'gak_';

/** A new secret: the prefix and 256 random bits. */
export function generateApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * Secrets are stored only as this digest. A fast hash is enough here: the
 * secret has 256 bits of entropy, so there is nothing to brute-force.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function looksLikeApiKey(bearer: string): boolean {
  return bearer.startsWith(API_KEY_PREFIX);
}

import type { DataSource } from 'typeorm';
import { findApiKey } from '#libs/accreditation/identity-lookup.js';
import { verifySessionToken } from '#libs/auth/jwt.js';
import { hashApiKeySecret, looksLikeApiKey } from '#libs/auth/api-key-secret.js';
import type { ApiKeyPrincipal, Principal } from '#libs/auth/principal.js';

/**
 * Reads the caller from an Authorization header, once per request. Every
 * service does this itself from the forwarded header, so no service trusts a
 * header that anyone reaching it directly could forge. API keys are looked up
 * on each request, so a revoked key stops working at once everywhere.
 */
export class Authenticator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwtSecret: string,
  ) {}

  async authenticate(authorization: string | undefined | null): Promise<Principal | null> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!bearer) return null;
    if (looksLikeApiKey(bearer)) return this.apiKey(bearer);
    return verifySessionToken(bearer, this.jwtSecret);
  }

  private async apiKey(secret: string): Promise<ApiKeyPrincipal | null> {
    const key = await findApiKey(this.dataSource, hashApiKeySecret(secret));
    return key ? { kind: 'apiKey', ...key } : null;
  }
}

import type { DataSource } from 'typeorm';
import { verifySessionToken } from '#libs/auth/jwt.js';
import { hashApiKeySecret, looksLikeApiKey } from '#libs/auth/api-key-secret.js';
import type { ApiKeyPrincipal, Principal } from '#libs/auth/principal.js';
import type { ApiScope } from '#libs/auth/roles.js';

interface ApiKeyRow {
  id: string;
  name: string;
  scopes: ApiScope[];
  organisation_id: string | null;
}

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
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `SELECT id, name, scopes, organisation_id FROM identity.api_keys
       WHERE secret_hash = $1 AND revoked_at IS NULL`,
      [hashApiKeySecret(secret)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      kind: 'apiKey',
      id: row.id,
      name: row.name,
      scopes: row.scopes,
      organisationId: row.organisation_id,
    };
  }
}

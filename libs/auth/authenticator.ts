import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { findApiKey } from '#libs/auth/identity-lookup.js';
import { verifySessionToken } from '#libs/auth/jwt.js';
import { hashApiKeySecret, looksLikeApiKey } from '#libs/auth/api-key-secret.js';
import type { ApiKeyPrincipal, Principal, UserPrincipal } from '#libs/auth/principal.js';
import { SessionUsers } from '#libs/auth/session-users.js';

/**
 * Reads the caller from an Authorization header, once per request. Every
 * service does this itself from the forwarded header, so no service trusts a
 * header that anyone reaching it directly could forge. API keys are looked up
 * on each request, so a revoked key stops working at once everywhere.
 *
 * The one place where a session is judged: the token must be genuine, unexpired and
 * carry an expiry; its user must still exist, not be disabled, and the token must be of
 * the user's current session epoch (a logout or a disable ends earlier ones). The roles
 * used are the database's, not the token's (SessionUsers: cached at most 30 s, dropped at
 * once on a change).
 */
export class Authenticator implements OnModuleInit, OnModuleDestroy {
  private readonly sessions: SessionUsers;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwtSecret: string,
    databaseUrl: string | null = null,
    logger: { warn(details: object, message: string): void } | null = null,
  ) {
    this.sessions = new SessionUsers(dataSource, databaseUrl, logger);
  }

  onModuleInit(): Promise<void> {
    return this.sessions.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.sessions.close();
  }

  async authenticate(authorization: string | undefined | null): Promise<Principal | null> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!bearer) return null;
    if (looksLikeApiKey(bearer)) return this.apiKey(bearer);
    return this.session(bearer);
  }

  private async session(token: string): Promise<UserPrincipal | null> {
    const claims = await verifySessionToken(token, this.jwtSecret);
    if (!claims) return null;
    const user = await this.sessions.lookup(claims.userId);
    if (!user || user.disabled || user.sessionEpoch !== claims.sessionEpoch) return null;
    return { kind: 'user', id: claims.userId, roles: user.roles };
  }

  private async apiKey(secret: string): Promise<ApiKeyPrincipal | null> {
    const key = await findApiKey(this.dataSource, hashApiKeySecret(secret));
    return key ? { kind: 'apiKey', ...key } : null;
  }
}

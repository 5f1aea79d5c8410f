import type { ApiScope, Role } from '#libs/auth/roles.js';

/** A signed-in staff user, as the JWT says. */
export interface UserPrincipal {
  kind: 'user';
  id: string;
  roles: Role[];
}

/** A partner system calling with an API key. */
export interface ApiKeyPrincipal {
  kind: 'apiKey';
  id: string;
  name: string;
  scopes: ApiScope[];
  /** When set, the key sees and writes only this organisation's people. */
  organisationId: string | null;
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

/** The organisation a caller is confined to, or null when it sees every organisation. */
export function organisationScope(principal: Principal | null): string | null {
  return principal?.kind === 'apiKey' ? principal.organisationId : null;
}

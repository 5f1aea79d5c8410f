import type { Role } from '../gql/graphql';

const TOKEN_KEY = 'staff-web.token';

const EXPIRES_KEY = 'staff-web.expiresAt';

/** The session token lives in sessionStorage: it ends with the browser tab, or at its expiry. */
export function loadToken(): string | null {
  try {
    const expiresAt = window.sessionStorage.getItem(EXPIRES_KEY);
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) {
      clearToken();
      return null;
    }
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** When the stored session ends, or null when unknown. */
export function tokenExpiry(): number | null {
  const expiresAt = window.sessionStorage.getItem(EXPIRES_KEY);
  const t = expiresAt ? Date.parse(expiresAt) : NaN;
  return Number.isNaN(t) ? null : t;
}

export function saveToken(token: string, expiresAt?: string): void {
  window.sessionStorage.setItem(TOKEN_KEY, token);
  if (expiresAt) window.sessionStorage.setItem(EXPIRES_KEY, expiresAt);
  else window.sessionStorage.removeItem(EXPIRES_KEY);
}

export function clearToken(): void {
  window.sessionStorage.removeItem(TOKEN_KEY);
  window.sessionStorage.removeItem(EXPIRES_KEY);
  window.sessionStorage.removeItem(USER_KEY);
}

const USER_KEY = 'staff-web.me';

export interface CachedUser {
  id: string;
  email: string;
  roles: Role[];
  organisation?: { id: string; name: string } | null;
}

/** Who is signed in, kept for the tab so a gate reloaded offline still opens its screens. */
export function saveUser(user: CachedUser): void {
  window.sessionStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function loadUser(): CachedUser | null {
  try {
    const raw = window.sessionStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as CachedUser) : null;
  } catch {
    return null;
  }
}

import type { Role } from '../gql/graphql';

const TOKEN_KEY = 'staff-web.token';

/** The session token lives in sessionStorage: it ends with the browser tab. */
export function loadToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  window.sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  window.sessionStorage.removeItem(TOKEN_KEY);
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

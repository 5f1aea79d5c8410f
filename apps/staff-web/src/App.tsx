import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Provider, type Client } from 'urql';
import { createApiClient, type ApiClient } from './api/client';
import { LoginPage } from './auth/LoginPage';
import { clearToken, loadToken, saveToken, tokenExpiry } from './auth/session';
import { Shell } from './Shell';
import { LanguageProvider } from './i18n/LanguageProvider';

export type ClientFactory = (
  token: string | null,
  onUnauthenticated: () => void,
) => Client | ApiClient;

const defaultFactory: ClientFactory = (token, onUnauthenticated) =>
  createApiClient({ token, onUnauthenticated });

/** Signed out: the login form. Signed in: the screens the user's roles open. */
export function App({ makeClient = defaultFactory }: { makeClient?: ClientFactory }) {
  const [token, setToken] = useState<string | null>(loadToken);

  const logout = useCallback(() => {
    clearToken();
    setToken(null);
  }, []);

  const client = useMemo(() => makeClient(token, logout), [makeClient, token, logout]);
  // When a session ends, close the socket of the client it used (not in an
  // effect cleanup, which StrictMode runs while the client is still in use).
  const previous = useRef<ApiClient | null>(null);
  useEffect(() => {
    const old = previous.current;
    previous.current = client;
    if (old && old !== client) old.dispose?.();
  }, [client]);

  // Sign out when the session ends rather than on the next refused request.
  useEffect(() => {
    const expiry = token ? tokenExpiry() : null;
    if (expiry === null) return;
    const timer = window.setTimeout(
      logout,
      Math.max(0, Math.min(expiry - Date.now(), 2 ** 31 - 1)),
    );
    return () => window.clearTimeout(timer);
  }, [token, logout]);

  function login(newToken: string, expiresAt: string) {
    saveToken(newToken, expiresAt);
    setToken(newToken);
  }

  return (
    <LanguageProvider>
      <Provider value={client}>
        {token ? <Shell onLogout={logout} /> : <LoginPage onLogin={login} />}
      </Provider>
    </LanguageProvider>
  );
}

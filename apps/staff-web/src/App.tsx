import { useCallback, useMemo, useState } from 'react';
import { Provider, type Client } from 'urql';
import { createApiClient } from './api/client';
import { LoginPage } from './auth/LoginPage';
import { clearToken, loadToken, saveToken } from './auth/session';
import { Shell } from './Shell';

export type ClientFactory = (token: string | null, onUnauthenticated: () => void) => Client;

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

  function login(newToken: string) {
    saveToken(newToken);
    setToken(newToken);
  }

  return (
    <Provider value={client}>
      {token ? <Shell onLogout={logout} /> : <LoginPage onLogin={login} />}
    </Provider>
  );
}

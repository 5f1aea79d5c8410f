import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { LoginMutation } from '../api/operations';
import { errorCodes } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';

/** Email and password; on success the token is handed up to be kept for the tab. */
export function LoginPage({ onLogin }: { onLogin: (token: string, expiresAt: string) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(LoginMutation);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const r = await login({ input: { email: email.trim(), password } });
    if (r.data) onLogin(r.data.login.token, r.data.login.expiresAt);
  }

  const wrongCredentials =
    errorCodes(result.error).includes('UNAUTHENTICATED') ||
    errorCodes(result.error).includes('BAD_USER_INPUT');

  return (
    <main className="login">
      <form onSubmit={(e) => void onSubmit(e)} aria-labelledby="login-title" className="panel">
        <h1 id="login-title">Games staff sign in</h1>
        <div className="field">
          <label htmlFor="login-email">Email</label>
          <input
            id="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {wrongCredentials ? (
          <ErrorAlert text="Email or password is not correct." />
        ) : (
          <ErrorAlert error={result.error} />
        )}
        <button type="submit" className="primary" disabled={result.fetching}>
          {result.fetching ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation } from 'urql';
import { LoginMutation } from '../api/operations';
import { errorCodes } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';

/** Email and password; on success the token is handed up to be kept for the tab. */
export function LoginPage({ onLogin }: { onLogin: (token: string, expiresAt: string) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(LoginMutation);
  const intl = useIntl();

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
        <div className="login-language">
          <LanguageSwitcher />
        </div>
        <h1 id="login-title">
          <FormattedMessage id="login.title" defaultMessage="Games staff sign in" />
        </h1>
        <div className="field">
          <label htmlFor="login-email">
            <FormattedMessage id="login.email" defaultMessage="Email" />
          </label>
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
          <label htmlFor="login-password">
            <FormattedMessage id="login.password" defaultMessage="Password" />
          </label>
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
          <ErrorAlert
            text={intl.formatMessage({
              id: 'login.wrongCredentials',
              defaultMessage: 'Email or password is not correct.',
            })}
          />
        ) : (
          <ErrorAlert error={result.error} />
        )}
        <button type="submit" className="primary" disabled={result.fetching}>
          {result.fetching ? (
            <FormattedMessage id="login.signingIn" defaultMessage="Signing in…" />
          ) : (
            <FormattedMessage id="login.signIn" defaultMessage="Sign in" />
          )}
        </button>
      </form>
    </main>
  );
}

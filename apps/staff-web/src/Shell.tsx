import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { LogoutMutation, MeQuery, SetPreferredLanguageMutation } from './api/operations';
import { ErrorAlert } from './components/ErrorAlert';
import { isNetworkError } from './api/errors';
import { loadUser, saveUser } from './auth/session';
import { ErrorBoundary } from './components/ErrorBoundary';
import { useFormat } from './components/format';
import {
  canEditAccreditation,
  canOpen,
  ROLE_NAMES,
  screensFor,
  SCREENS,
  type ScreenId,
} from './nav/roles';
import { LanguageSwitcher } from './i18n/LanguageSwitcher';
import { useLanguage } from './i18n/LanguageProvider';
import { fromServerLanguage, toServerLanguage } from './i18n/languages';
import { navigate, useRoute } from './nav/route';
import { GatePage } from './gate/GatePage';
import { ArrivalPage } from './arrival/ArrivalPage';
import { PeoplePage } from './accreditation/PeoplePage';
import { PersonPage } from './accreditation/PersonPage';
import { RegisterPage } from './accreditation/RegisterPage';
import { ImportPage } from './accreditation/ImportPage';
import { OrganisationPage } from './accreditation/OrganisationPage';
import { HealthPage } from './health/HealthPage';
import { TracingPage } from './tracing/TracingPage';
import { LiveBoard } from './live/LiveBoard';
import { ConflictsPage } from './conflicts/ConflictsPage';
import { UsersPage } from './admin/UsersPage';
import { ApiKeysPage } from './admin/ApiKeysPage';
import { AreasPage } from './admin/AreasPage';
import { VenuesPage } from './admin/VenuesPage';
import { AuditPage } from './admin/AuditPage';
import type { Role } from './gql/graphql';

function screenOf(path: string): ScreenId | null {
  const first = path.split('/')[1] ?? '';
  switch (first) {
    case 'gate':
    case 'arrival':
    case 'people':
    case 'health':
    case 'tracing':
    case 'live':
    case 'conflicts':
    case 'users':
    case 'api-keys':
    case 'areas':
    case 'venues':
    case 'audit':
      return first;
    case 'person':
    case 'register':
    case 'import':
    case 'organisations':
      return 'people';
    default:
      return null;
  }
}

function Page({ path, roles }: { path: string; roles: readonly Role[] }) {
  const [, first, second] = path.split('/');
  const editable = canEditAccreditation(roles);
  switch (first) {
    case 'gate':
      return <GatePage />;
    case 'arrival':
      return <ArrivalPage />;
    case 'people':
      return <PeoplePage editable={editable} />;
    case 'person':
      return <PersonPage id={decodeURIComponent(second ?? '')} editable={editable} roles={roles} />;
    case 'register':
      return editable ? <RegisterPage /> : <NotAllowed />;
    case 'import':
      return editable ? <ImportPage /> : <NotAllowed />;
    case 'organisations':
      return editable ? <OrganisationPage /> : <NotAllowed />;
    case 'health':
      return <HealthPage />;
    case 'tracing':
      return <TracingPage />;
    case 'live':
      return <LiveBoard />;
    case 'conflicts':
      return <ConflictsPage />;
    case 'users':
      return <UsersPage />;
    case 'api-keys':
      return <ApiKeysPage />;
    case 'areas':
      return <AreasPage />;
    case 'venues':
      return <VenuesPage />;
    case 'audit':
      return <AuditPage />;
    default:
      return <NotAllowed />;
  }
}

function NotAllowed() {
  return (
    <p role="alert" className="alert alert-error">
      <FormattedMessage
        id="shell.notAllowed"
        defaultMessage="This screen is not available to your role."
      />
    </p>
  );
}

/** Header, role-based navigation and the current screen. */
export function Shell({ onLogout }: { onLogout: () => void }) {
  const [{ data, error, fetching }] = useQuery({ query: MeQuery });
  const [loggingOut, logout] = useMutation(LogoutMutation);
  const intl = useIntl();
  const format = useFormat();
  const [, savePreferredLanguage] = useMutation(SetPreferredLanguageMutation);
  const { setLanguage } = useLanguage();
  const path = useRoute();
  // Offline (the gateway unreachable), the user of this tab is the one last seen.
  const offline = isNetworkError(error);
  const me = data?.me ?? (offline ? loadUser() : null);
  const roles = me?.roles ?? [];
  const screens = screensFor(roles);
  const current = screenOf(path);
  const allowed =
    current !== null &&
    canOpen(
      roles,
      SCREENS.find((s) => s.id === current)!,
    );

  useEffect(() => {
    if (me && !allowed && screens.length > 0) navigate(screens[0].path);
  }, [me, allowed, screens]);

  // The user's own choice, made on any device, wins over this device's; with none, the
  // screens keep the language the sign-in form had (the last choice here, else the browser's).
  const preferred = fromServerLanguage(data?.me?.preferredLanguage);
  useEffect(() => {
    if (preferred) setLanguage(preferred);
  }, [preferred, setLanguage]);

  useEffect(() => {
    if (data && !data.me) onLogout();
    if (data?.me) saveUser(data.me);
  }, [data, onLogout]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        <FormattedMessage id="shell.skipToContent" defaultMessage="Skip to content" />
      </a>
      <header className="top">
        <span className="brand">
          <FormattedMessage id="shell.brand" defaultMessage="Games accreditation" />
        </span>
        <nav aria-label={intl.formatMessage({ id: 'shell.screens', defaultMessage: 'Screens' })}>
          <ul>
            {screens.map((s) => (
              <li key={s.id}>
                <a href={`#${s.path}`} aria-current={current === s.id ? 'page' : undefined}>
                  <FormattedMessage {...s.label} />
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user">
          <LanguageSwitcher
            onChosen={(language) =>
              // Offline the choice still holds on this device; the server hears of it next time.
              void savePreferredLanguage({ language: toServerLanguage(language) })
            }
          />
          {me && (
            <span>
              {me.email}
              <span className="muted">
                {' · '}
                {format.list(me.roles.map((r) => intl.formatMessage(ROLE_NAMES[r])))}
              </span>
            </span>
          )}
          <button
            type="button"
            disabled={loggingOut.fetching}
            onClick={() => {
              // Ends the session on the server too (every tab and device of this user); the
              // tab forgets it whatever the answer, so a sign-out offline still signs out here.
              void logout({}).finally(onLogout);
            }}
          >
            <FormattedMessage id="shell.signOut" defaultMessage="Sign out" />
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {error && !(offline && me) && <ErrorAlert error={error} />}
        {fetching && !me && (
          <p role="status">
            <FormattedMessage id="common.loading" defaultMessage="Loading…" />
          </p>
        )}
        {me && screens.length === 0 && (
          <p role="alert">
            <FormattedMessage
              id="shell.noScreens"
              defaultMessage="Your account has no role that opens a screen here."
            />
          </p>
        )}
        {me && allowed && (
          <ErrorBoundary resetKey={path}>
            <Page path={path} roles={roles} />
          </ErrorBoundary>
        )}
      </main>
    </div>
  );
}

import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Role } from './gql/graphql';
import { App } from './App';
import { stubClient } from './test/stubClient';

function me(roles: Role[], preferredLanguage: 'EN' | 'FR' | 'ZH' | null = null) {
  return {
    data: {
      me: {
        __typename: 'User',
        id: 'u1',
        email: 'officer@games.test',
        roles,
        preferredLanguage,
        organisation: null,
      },
    },
  };
}

async function navFor(roles: Role[]): Promise<string[]> {
  window.sessionStorage.setItem('staff-web.token', 'tok');
  const { client } = stubClient({
    Me: () => me(roles),
    InspectionAreas: () => ({ data: { inspectionAreas: [] } }),
    VerificationKeys: () => ({ data: { cardVerificationKeys: '{"keys":[]}' } }),
    DenyList: () => ({ data: { cardDenyList: [] } }),
    People: () => ({
      data: {
        people: {
          __typename: 'PersonConnection',
          totalCount: 0,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          nodes: [],
        },
      },
    }),
    Organisations: () => ({ data: { organisations: [] } }),
  });
  const view = render(<App makeClient={() => client} />);
  const nav = await screen.findByRole('navigation', { name: 'Screens' });
  await within(nav).findAllByRole('link');
  const names = within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent ?? '');
  view.unmount();
  return names;
}

describe('role-based navigation', () => {
  it('shows each role only its screens; ADMIN sees them all', async () => {
    expect(await navFor(['INSPECTION_OFFICER'])).toEqual([
      'Gate',
      'Arrival desk',
      'Live board',
      'Conflicts',
    ]);
    expect(await navFor(['VIEWER'])).toEqual(['Accreditation', 'Live board']);
    expect(await navFor(['HEALTH_OFFICER', 'TRACER'])).toEqual([
      'Health desk',
      'Tracing',
      'Live board',
    ]);
    expect(await navFor(['ADMIN'])).toEqual([
      'Gate',
      'Arrival desk',
      'Accreditation',
      'Health desk',
      'Tracing',
      'Live board',
      'Conflicts',
      'Users',
      'API keys',
      'Inspection areas',
      'Venue catalogue',
      'Audit trail',
    ]);
  });

  it('opens the first allowed screen and refuses a screen the role cannot open', async () => {
    window.sessionStorage.setItem('staff-web.token', 'tok');
    window.location.hash = '#/gate';
    const { client } = stubClient({
      Me: () => me(['VIEWER']),
      People: () => ({
        data: {
          people: {
            __typename: 'PersonConnection',
            totalCount: 0,
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            nodes: [],
          },
        },
      }),
      Organisations: () => ({ data: { organisations: [] } }),
    });
    render(<App makeClient={() => client} />);
    expect(await screen.findByRole('heading', { name: 'Accreditation', level: 1 })).toBeTruthy();
    expect(window.location.hash).toBe('#/people');
    expect(screen.queryByRole('link', { name: 'Register a person' })).toBeNull();
  });

  it('signs in, keeps the token for the tab, and signs out', async () => {
    const { client, calls } = stubClient({
      Login: () => ({
        data: {
          login: {
            __typename: 'Session',
            token: 'secret-token',
            expiresAt: '2030-01-01T00:00:00Z',
            user: { __typename: 'User', id: 'u1', email: 'a@b.c', roles: ['TRACER'] },
          },
        },
      }),
      Me: () => me(['TRACER']),
      Logout: () => ({ data: { logout: true } }),
    });
    render(<App makeClient={() => client} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'a@b.c');
    await userEvent.type(screen.getByLabelText('Password'), 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Tracing', level: 1 })).toBeTruthy();
    expect(window.sessionStorage.getItem('staff-web.token')).toBe('secret-token');
    expect(calls[0]).toEqual({
      operation: 'Login',
      variables: { input: { email: 'a@b.c', password: 'pw' } },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Games staff sign in' })).toBeTruthy();
    expect(window.sessionStorage.getItem('staff-web.token')).toBeNull();
    // The server ends the session too: the token is worth nothing after this.
    expect(calls.map((c) => c.operation)).toContain('Logout');
  });

  it('keeps the screens of the last signed-in user when the gateway cannot be reached', async () => {
    window.sessionStorage.setItem('staff-web.token', 'tok');
    window.sessionStorage.setItem(
      'staff-web.me',
      JSON.stringify({ id: 'u1', email: 'gate@games.test', roles: ['INSPECTION_OFFICER'] }),
    );
    window.location.hash = '#/live';
    const { client } = stubClient({
      Me: () => ({ networkError: true }),
      InspectionAreas: () => ({ networkError: true }),
    });
    render(<App makeClient={() => client} />);
    const nav = await screen.findByRole('navigation', { name: 'Screens' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Gate', 'Arrival desk', 'Live board', 'Conflicts']);
    expect(screen.getByText('gate@games.test')).toBeTruthy();
  });

  it('does not reuse a session that has expired', () => {
    window.sessionStorage.setItem('staff-web.token', 'old');
    window.sessionStorage.setItem('staff-web.expiresAt', '2020-01-01T00:00:00Z');
    const { client, calls } = stubClient({});
    render(<App makeClient={() => client} />);
    expect(screen.getByRole('heading', { name: 'Games staff sign in' })).toBeTruthy();
    expect(window.sessionStorage.getItem('staff-web.token')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('tells the user when the credentials are wrong', async () => {
    const { client } = stubClient({
      Login: () => ({
        errors: [{ message: 'Invalid credentials', extensions: { code: 'UNAUTHENTICATED' } }],
      }),
    });
    render(<App makeClient={() => client} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'a@b.c');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Email or password is not correct/,
    );
  });
});

describe('the language of the screens', () => {
  const liveBoard = {
    LiveCheckIns: () => ({ data: { recentCheckIns: [] } }),
    InspectionAreas: () => ({ data: { inspectionAreas: [] } }),
  };

  it('signs in in the language last chosen on this device, and switches before sign-in', async () => {
    window.localStorage.setItem('staff-web.language', 'fr');
    const { client } = stubClient({});
    render(<App makeClient={() => client} />);
    expect(screen.getByRole('heading', { name: 'Connexion du personnel des Jeux' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');

    await userEvent.selectOptions(screen.getByLabelText('Langue'), 'zh');
    expect(screen.getByRole('heading', { name: '赛会工作人员登录' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '登录' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-Hans');
    expect(window.localStorage.getItem('staff-web.language')).toBe('zh');
  });

  it('follows the user’s own choice once signed in, whatever this device chose', async () => {
    window.localStorage.setItem('staff-web.language', 'en');
    window.sessionStorage.setItem('staff-web.token', 'tok');
    window.location.hash = '#/live';
    const { client } = stubClient({ Me: () => me(['VIEWER'], 'ZH'), ...liveBoard });
    render(<App makeClient={() => client} />);
    const nav = await screen.findByRole('navigation', { name: '页面' });
    expect(within(nav).getByRole('link', { name: '实时看板' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-Hans');
    expect(window.localStorage.getItem('staff-web.language')).toBe('zh');
  });

  it('tells the server when the user switches, so other devices follow', async () => {
    window.sessionStorage.setItem('staff-web.token', 'tok');
    window.location.hash = '#/live';
    const { client, calls } = stubClient({
      Me: () => me(['VIEWER']),
      SetPreferredLanguage: (v) => ({
        data: {
          setPreferredLanguage: { __typename: 'User', id: 'u1', preferredLanguage: v.language },
        },
      }),
      ...liveBoard,
    });
    render(<App makeClient={() => client} />);
    await screen.findByRole('navigation', { name: 'Screens' });
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'fr');
    expect(await screen.findByRole('button', { name: 'Se déconnecter' })).toBeTruthy();
    expect(calls).toContainEqual({
      operation: 'SetPreferredLanguage',
      variables: { language: 'FR' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { UsersPage } from './UsersPage';
import { ApiKeysPage } from './ApiKeysPage';

const organisations = () => ({ data: { organisations: [] } });

function users(disabled: boolean) {
  return {
    data: {
      users: {
        __typename: 'UserConnection',
        totalCount: 1,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        nodes: [
          {
            __typename: 'User',
            id: 'u1',
            email: 'gate@games.test',
            roles: ['INSPECTION_OFFICER'],
            disabled,
            organisation: null,
          },
        ],
      },
    },
  };
}

describe('the Users screen', () => {
  it('disables a user only after the confirmation', async () => {
    let disabled = false;
    const { client, calls } = stubClient({
      Me: () => ({ data: { me: null } }),
      Users: () => users(disabled),
      Organisations: organisations,
      DisableUser: () => {
        disabled = true;
        return {
          data: {
            disableUser: { __typename: 'User', id: 'u1', email: 'gate@games.test', disabled },
          },
        };
      },
    });
    renderWith(<UsersPage />, client);
    const row = (await screen.findByText('gate@games.test')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Inspection officer')).toBeTruthy();

    await userEvent.click(within(row).getByRole('button', { name: 'Disable gate@games.test' }));
    const dialog = screen.getByRole('dialog', { name: 'Disable gate@games.test' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.operation === 'DisableUser')).toBe(false);

    await userEvent.click(within(row).getByRole('button', { name: 'Disable gate@games.test' }));
    await userEvent.click(screen.getByRole('button', { name: 'Disable user' }));
    expect(
      await screen.findByText('gate@games.test is disabled: every session of theirs has ended.'),
    ).toBeTruthy();
    expect(calls.find((c) => c.operation === 'DisableUser')?.variables).toEqual({ id: 'u1' });
  });

  it('creates a user with the roles ticked and shows each field problem at its field', async () => {
    const { client, calls } = stubClient({
      Me: () => ({ data: { me: null } }),
      Users: () => users(false),
      Organisations: organisations,
      CreateUser: () => ({
        errors: [
          {
            message: 'Invalid input',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [{ field: 'input.password', message: 'must be at least 12 characters long' }],
            },
          },
        ],
      }),
    });
    renderWith(<UsersPage />, client);
    await userEvent.type(screen.getByLabelText('Email'), 'new@games.test');
    await userEvent.type(screen.getByLabelText('Initial password'), 'short');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Tracer' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('must be at least 12 characters long')).toBeTruthy();
    expect(screen.getByLabelText('Initial password').getAttribute('aria-invalid')).toBe('true');
    expect(calls.find((c) => c.operation === 'CreateUser')?.variables).toEqual({
      input: {
        email: 'new@games.test',
        password: 'short',
        roles: ['TRACER'],
        organisationId: null,
      },
    });
  });
});

describe('the API keys screen', () => {
  it('shows a new secret once and revokes only after the confirmation', async () => {
    const { client, calls } = stubClient({
      ApiKeys: () => ({
        data: {
          apiKeys: [
            {
              __typename: 'ApiKey',
              id: 'k1',
              name: 'Lab',
              scopes: ['HEALTH_WRITE'],
              createdAt: '2022-01-20T10:00:00Z',
              revokedAt: null,
              organisation: null,
            },
          ],
        },
      }),
      Organisations: organisations,
      CreateApiKey: () => ({
        data: {
          createApiKey: {
            __typename: 'ApiKeyWithSecret',
            secret: 'gak_secret-shown-once',
            apiKey: { __typename: 'ApiKey', id: 'k2', name: 'Airline', scopes: ['CHECKIN_WRITE'] },
          },
        },
      }),
      RevokeApiKey: () => ({
        data: {
          revokeApiKey: {
            __typename: 'ApiKey',
            id: 'k1',
            name: 'Lab',
            revokedAt: '2022-01-21T10:00:00Z',
          },
        },
      }),
    });
    renderWith(<ApiKeysPage />, client);
    await userEvent.type(screen.getByLabelText('Name'), 'Airline');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Check in at gates' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create API key' }));
    expect((await screen.findByLabelText('Secret')).textContent).toBe('gak_secret-shown-once');
    await userEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByText('gak_secret-shown-once')).toBeNull();

    await userEvent.click(await screen.findByRole('button', { name: 'Revoke Lab' }));
    expect(calls.some((c) => c.operation === 'RevokeApiKey')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Revoke key' }));
    expect(await screen.findByText(/Lab is revoked/)).toBeTruthy();
    expect(calls.find((c) => c.operation === 'RevokeApiKey')?.variables).toEqual({ id: 'k1' });
  });
});

import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { PeoplePage } from './PeoplePage';
import { people } from './people.fixture';

describe('approving selected people in one step', () => {
  it('sends the selected accreditations in one approveAccreditations', async () => {
    const { client, calls } = stubClient({
      Organisations: () => ({ data: { organisations: [] } }),
      People: () => people(),
      ApproveAccreditations: (vars) => ({
        data: {
          approveAccreditations: (vars.ids as string[]).map((id) => ({
            __typename: 'Accreditation',
            id,
            status: 'APPROVED',
            cardToken: 'X',
          })),
        },
      }),
    });
    renderWith(<PeoplePage editable />, client);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Given1 Hansen' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Given3 Hansen' }));
    expect(screen.getByText('2 selected')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Approve selected' }));
    await waitFor(() =>
      expect(calls.find((c) => c.operation === 'ApproveAccreditations')?.variables).toEqual({
        ids: ['a1', 'a3'],
      }),
    );
    expect(await screen.findByText('2 accreditations approved.')).toBeTruthy();
  });

  it('shows what is in the way when the server refuses the batch', async () => {
    const { client } = stubClient({
      Organisations: () => ({ data: { organisations: [] } }),
      People: () => people(),
      ApproveAccreditations: () => ({
        errors: [
          {
            message:
              'Nothing was approved: card 10000002 (Given2 Hansen) has no portrait: take or upload one before approval',
            extensions: { code: 'CONFLICT' },
          },
        ],
      }),
    });
    renderWith(<PeoplePage editable />, client);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all shown' }));
    expect(screen.getByText('3 selected')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Approve selected' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Given2 Hansen\) has no portrait/,
    );
  });
});

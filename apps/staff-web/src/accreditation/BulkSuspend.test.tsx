import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient, type StubHandler } from '../test/stubClient';
import { PeoplePage } from './PeoplePage';
import { people } from './people.fixture';

function setup(suspend: StubHandler) {
  const stub = stubClient({
    Organisations: () => ({ data: { organisations: [] } }),
    People: () => people('ACTIVE'),
    SuspendAccreditations: suspend,
  });
  renderWith(<PeoplePage editable />, stub.client);
  return stub;
}

describe('suspending selected people in one step', () => {
  it('asks one reason in a confirmation, then sends the selection in one suspendAccreditations', async () => {
    const { calls } = setup((vars) => ({
      data: {
        suspendAccreditations: (vars.ids as string[]).map((id) => ({
          __typename: 'Accreditation',
          id,
          status: 'SUSPENDED',
        })),
      },
    }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Given1 Hansen' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Given2 Hansen' }));
    await userEvent.click(screen.getByRole('button', { name: 'Suspend selected…' }));
    const dialog = screen.getByRole('dialog', { name: 'Suspend 2 accreditations?' });
    const confirm = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Suspend 2' });
    expect(confirm.disabled).toBe(true);
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Reason (kept in each history)' }),
      'Team withdrawn',
    );
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(calls.find((c) => c.operation === 'SuspendAccreditations')?.variables).toEqual({
        ids: ['a1', 'a2'],
        reason: 'Team withdrawn',
      }),
    );
    expect(await screen.findByText(/2 accreditations suspended/)).toBeTruthy();
    expect(screen.getByText('0 selected')).toBeTruthy();
  });

  it('cancelling sends nothing', async () => {
    const { calls } = setup(() => ({ data: { suspendAccreditations: [] } }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all shown' }));
    await userEvent.click(screen.getByRole('button', { name: 'Suspend selected…' }));
    const dialog = screen.getByRole('dialog', { name: 'Suspend 3 accreditations?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.operation === 'SuspendAccreditations')).toBe(false);
    expect(screen.getByText('3 selected')).toBeTruthy();
  });

  it('names the cards in the way when the server refuses the batch', async () => {
    setup(() => ({
      errors: [
        {
          message:
            'Nothing was suspended: card 10000003 (Given3 Hansen) is REVOKED, not APPROVED or ACTIVE',
          extensions: { code: 'CONFLICT' },
        },
      ],
    }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all shown' }));
    await userEvent.click(screen.getByRole('button', { name: 'Suspend selected…' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox'), 'x');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Suspend 3' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Nothing was suspended: card 10000003 \(Given3 Hansen\) is REVOKED/,
    );
    expect(screen.getByText('3 selected')).toBeTruthy();
  });
});

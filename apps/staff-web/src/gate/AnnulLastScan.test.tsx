import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cardNumberFor } from '@card-number';
import { renderWith } from '../test/render';
import { stubClient, type StubAnswer, type StubHandler } from '../test/stubClient';
import { GatePage } from './GatePage';
import { MemoryGateStore } from './store';

const areas = {
  inspectionAreas: [
    {
      __typename: 'InspectionArea',
      id: 'a1',
      code: 'NST-GATE-1',
      name: 'National Stadium gate 1',
      kind: 'VENUE',
      venueCode: 'NST',
      zone: '1',
      closedLoop: true,
      occupancy: 3,
    },
  ],
};
const card = cardNumberFor(7654321);

const admitted: StubAnswer = {
  data: {
    checkIn: {
      __typename: 'CheckIn',
      id: 'c1',
      direction: 'IN',
      decision: 'ADMITTED',
      reasons: [],
      scannedAt: '2022-02-04T12:00:00.000Z',
      replayed: false,
      area: { __typename: 'InspectionArea', code: 'NST-GATE-1', name: 'National Stadium gate 1' },
      person: {
        __typename: 'Person',
        id: 'p1',
        givenName: 'Eileen',
        familyName: 'Gu',
        organisation: { __typename: 'Organisation', id: 'o1', name: 'China Olympic Committee' },
        accreditation: {
          __typename: 'Accreditation',
          id: 'acc1',
          cardNumber: card,
          category: 'Aa',
        },
      },
    },
  },
};

async function scanAndAskToAnnul(annul: StubHandler) {
  const stub = stubClient({
    InspectionAreas: () => ({ data: areas }),
    VerificationKeys: () => ({ data: { cardVerificationKeys: '{"keys":[]}', venues: [] } }),
    DenyList: () => ({ data: { cardDenyList: [] } }),
    CheckIn: () => admitted,
    AnnulCheckIn: annul,
  });
  renderWith(<GatePage />, stub.client, {
    openGateStore: () => Promise.resolve(new MemoryGateStore()),
  });
  const select = screen.getByRole('combobox', { name: 'Inspection area' });
  await waitFor(() => expect(within(select).getAllByRole('option').length).toBe(2));
  await userEvent.selectOptions(select, 'NST-GATE-1');
  await userEvent.type(screen.getByRole('textbox', { name: 'Card number or scanned code' }), card);
  await userEvent.click(screen.getByRole('button', { name: 'Check card' }));
  const verdict = await screen.findByRole('alertdialog', { name: 'ADMITTED' });
  await userEvent.click(within(verdict).getByRole('button', { name: 'Annul this scan…' }));
  return { ...stub, dialog: await screen.findByRole('dialog', { name: 'Annul this scan?' }) };
}

describe('Annul the last scan at the gate', () => {
  it('asks a reason and a confirmation, annuls, and says who no longer counts where', async () => {
    const { dialog, calls } = await scanAndAskToAnnul(() => ({
      data: {
        annulCheckIn: {
          __typename: 'CheckIn',
          id: 'c1',
          decision: 'ADMITTED',
          annulment: {
            __typename: 'Annulment',
            at: '2022-02-04T12:01:00.000Z',
            by: 'o@x',
            reason: 'r',
          },
        },
      },
    }));
    expect(
      within(dialog).getByText(/admitted entry of Eileen Gu at National Stadium gate 1/),
    ).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: 'Annul the scan' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(within(dialog).getByLabelText('Reason (required)'), 'Wrong card scanned');
    await userEvent.click(confirm);
    await screen.findByText(
      'Scan annulled: Eileen Gu is no longer counted at National Stadium gate 1.',
    );
    expect(calls.find((c) => c.operation === 'AnnulCheckIn')?.variables).toEqual({
      id: 'c1',
      reason: 'Wrong card scanned',
    });
    expect(screen.queryByRole('button', { name: 'Annul this scan…' })).toBeNull();
  });

  it('keeps the scan when the officer changes their mind', async () => {
    const { dialog, calls } = await scanAndAskToAnnul(() => ({ data: null }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep the scan' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.operation === 'AnnulCheckIn')).toBe(false);
    expect(screen.getByRole('button', { name: 'Annul this scan…' })).toBeTruthy();
  });

  it('shows the server’s CONFLICT message when the scan can no longer be annulled', async () => {
    const { dialog } = await scanAndAskToAnnul(() => ({
      errors: [
        {
          message: 'Check-in c1 was already annulled',
          extensions: { code: 'CONFLICT' },
        },
      ],
    }));
    await userEvent.type(within(dialog).getByLabelText('Reason (required)'), 'Twice');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Annul the scan' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Not annulled\. Not possible now: Check-in c1 was already annulled/,
    );
  });
});

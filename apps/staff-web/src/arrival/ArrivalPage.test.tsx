import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cardNumberFor } from '@card-number';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { claims, makeSigner } from '../test/cardTokens';
import { ArrivalPage } from './ArrivalPage';

const card = cardNumberFor(7654321);

describe('ArrivalPage', () => {
  it('processes an arrival at a port of entry and lists every reason of a denial', async () => {
    const { client, calls } = stubClient({
      InspectionAreas: () => ({
        data: {
          inspectionAreas: [
            {
              __typename: 'InspectionArea',
              id: 'a1',
              code: 'PEK-T3',
              name: 'Capital Airport T3',
              kind: 'PORT_OF_ENTRY',
              venueCode: 'PEK',
              zone: 'ARR',
              closedLoop: true,
              occupancy: 0,
            },
            {
              __typename: 'InspectionArea',
              id: 'a2',
              code: 'NST-G1',
              name: 'Stadium gate',
              kind: 'VENUE',
              venueCode: 'NST',
              zone: '1',
              closedLoop: true,
              occupancy: 0,
            },
          ],
        },
      }),
      ProcessArrival: () => ({
        data: {
          processArrival: {
            __typename: 'Arrival',
            id: 'x',
            decision: 'DENIED',
            reasons: ['DOCUMENT_MISMATCH', 'OUTSIDE_VALIDITY'],
            arrivedAt: '2022-01-25T10:00:00Z',
            replayed: false,
            person: {
              __typename: 'Person',
              id: 'p1',
              givenName: 'Eileen',
              familyName: 'Gu',
              organisation: { __typename: 'Organisation', id: 'o1', name: 'China' },
              accreditation: {
                __typename: 'Accreditation',
                id: 'acc',
                cardNumber: card,
                category: 'Aa',
                status: 'APPROVED',
              },
            },
          },
        },
      }),
    });
    renderWith(<ArrivalPage />, client);
    const select = screen.getByRole('combobox', { name: 'Port of entry' });
    // Only ports of entry are offered.
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(2));
    await userEvent.selectOptions(select, 'PEK-T3');
    await userEvent.type(screen.getByRole('textbox', { name: 'Card number' }), card);
    await userEvent.type(screen.getByRole('textbox', { name: 'Passport or ID number' }), ' G123 ');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Flight number (optional)' }),
      'CA908',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Process arrival' }));

    const decision = await screen.findByRole('status', { name: 'Arrival decision' });
    expect(within(decision).getByText('DENIED')).toBeTruthy();
    expect(
      within(decision)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'The passport or ID number does not match the accreditation.',
      'The card is not valid at this date and time.',
    ]);
    // Beside the decision: the portrait on file, or plainly that there is none.
    expect(within(decision).getByRole('note').textContent).toMatch(/^No portrait on file/);
    expect(calls.find((c) => c.operation === 'ProcessArrival')?.variables.input).toMatchObject({
      areaCode: 'PEK-T3',
      cardNumber: card,
      documentNumber: 'G123',
      flightNumber: 'CA908',
    });
  });

  it('asks for the port of entry before recording a departure', async () => {
    const { client, calls } = stubClient({
      InspectionAreas: () => ({ data: { inspectionAreas: [] } }),
    });
    renderWith(<ArrivalPage />, client);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Departing card number' }),
      '12345678',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Record departure…' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/port-of-entry area first/);
    expect(calls.some((c) => c.operation === 'ProcessDeparture')).toBe(false);
  });

  it('reads the card number from a scanned card code whose signature verifies, and refuses a forged one', async () => {
    const signer = await makeSigner();
    const stranger = await makeSigner();
    const { client, calls } = stubClient({
      InspectionAreas: () => ({
        data: {
          inspectionAreas: [
            {
              __typename: 'InspectionArea',
              id: 'a1',
              code: 'PEK-T3',
              name: 'Capital Airport T3',
              kind: 'PORT_OF_ENTRY',
              venueCode: 'PEK',
              zone: 'ARR',
              closedLoop: true,
              occupancy: 0,
            },
          ],
        },
      }),
      VerificationKeys: () => ({
        data: { cardVerificationKeys: signer.jwks, venues: signer.venues },
      }),
      ProcessArrival: () => ({ errors: [{ message: 'not answered in this test' }] }),
    });
    renderWith(<ArrivalPage />, client);
    const select = screen.getByRole('combobox', { name: 'Port of entry' });
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(2));
    await userEvent.selectOptions(select, 'PEK-T3');
    const cardInput = screen.getByRole('textbox', { name: 'Card number' });
    await userEvent.type(screen.getByRole('textbox', { name: 'Passport or ID number' }), 'G1');

    await userEvent.click(cardInput);
    await userEvent.paste(await stranger.sign(claims({ cn: card })));
    await userEvent.click(screen.getByRole('button', { name: 'Process arrival' }));
    // Said at the card field, which is marked; nothing is sent.
    expect(await screen.findByText(/does not verify/)).toBeTruthy();
    expect(cardInput.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.operation === 'ProcessArrival')).toBe(false);

    await userEvent.clear(cardInput);
    await userEvent.paste(await signer.sign(claims({ cn: card })));
    await userEvent.click(screen.getByRole('button', { name: 'Process arrival' }));
    await waitFor(() =>
      expect(calls.find((c) => c.operation === 'ProcessArrival')?.variables.input).toMatchObject({
        cardNumber: card,
        documentNumber: 'G1',
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cardNumberFor } from '@card-number';
import { renderWith } from '../test/render';
import { badInput, stubClient, type StubHandler } from '../test/stubClient';
import { ArrivalPage } from './ArrivalPage';
import { flightNumberFine, normaliseFlightNumber } from './flight';

const card = cardNumberFor(7654321);
const port = {
  __typename: 'InspectionArea',
  id: 'a1',
  code: 'PEK-T3',
  name: 'Capital Airport T3',
  kind: 'PORT_OF_ENTRY',
  venueCode: 'PEK',
  zone: 'ARR',
  closedLoop: true,
  occupancy: 0,
};
const person = {
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
    status: 'ACTIVE',
  },
};
const arrival = (over: Record<string, unknown>) => ({
  data: {
    processArrival: {
      __typename: 'Arrival',
      id: 'x',
      decision: 'ADMITTED',
      reasons: [],
      arrivedAt: '2022-01-25T10:00:00Z',
      replayed: false,
      alreadyArrivedAt: null,
      person,
      ...over,
    },
  },
});

async function desk(handlers: Record<string, StubHandler>) {
  const stub = stubClient({
    InspectionAreas: () => ({ data: { inspectionAreas: [port] } }),
    ...handlers,
  });
  renderWith(<ArrivalPage />, stub.client);
  const select = screen.getByRole('combobox', { name: 'Port of entry' });
  await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(2));
  await userEvent.selectOptions(select, 'PEK-T3');
  return stub;
}

async function arrive(doc: string, flight = '') {
  await userEvent.type(screen.getByRole('textbox', { name: 'Card number' }), card);
  await userEvent.type(screen.getByRole('textbox', { name: 'Passport or ID number' }), doc);
  if (flight) await userEvent.type(screen.getByRole('textbox', { name: /^Flight number/ }), flight);
  await userEvent.click(screen.getByRole('button', { name: 'Process arrival' }));
}

describe('the arrival desk', () => {
  it('keeps every field after a denial and marks the document that did not match', async () => {
    await desk({
      ProcessArrival: () => arrival({ decision: 'DENIED', reasons: ['DOCUMENT_MISMATCH'] }),
    });
    await arrive('G124', 'CA908');
    await screen.findByRole('status', { name: 'Arrival decision' });
    const doc = screen.getByRole('textbox', { name: 'Passport or ID number' });
    expect((doc as HTMLInputElement).value).toBe('G124');
    expect(doc.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Does not match the document on the accreditation.')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Card number' }).value).toBe(card);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: /^Flight number/ }).value).toBe(
      'CA908',
    );
  });

  it('normalises a flight number and refuses a malformed one at its field, before the server', async () => {
    expect(normaliseFlightNumber(' sk 4021 ')).toBe('SK4021');
    expect(flightNumberFine('sk 4021')).toBe(true);
    expect(flightNumberFine('')).toBe(true);
    expect(flightNumberFine('SK-40')).toBe(false);
    const { calls } = await desk({ ProcessArrival: () => arrival({}) });
    await arrive('G123', 'SK-4021');
    const flight = screen.getByRole('textbox', { name: /^Flight number/ });
    expect(flight.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.operation === 'ProcessArrival')).toBe(false);
    await userEvent.clear(flight);
    await userEvent.type(flight, 'sk 4021');
    await userEvent.click(screen.getByRole('button', { name: 'Process arrival' }));
    await screen.findByRole('status', { name: 'Arrival decision' });
    expect(calls.find((c) => c.operation === 'ProcessArrival')?.variables.input).toMatchObject({
      flightNumber: 'SK4021',
    });
  });

  it('shows the server’s problem with the flight number at its field', async () => {
    await desk({
      ProcessArrival: () =>
        badInput([{ field: 'input.flightNumber', message: 'must be a flight number like CA123' }]),
    });
    await arrive('G123', 'CA908');
    expect(
      await screen.findByText('Flight number must be a flight number like CA123'),
    ).toBeTruthy();
  });

  it('says "already arrived at <time>" for a repeat arrival of the same card', async () => {
    await desk({
      ProcessArrival: () =>
        arrival({
          decision: 'DENIED',
          reasons: ['ALREADY_INSIDE'],
          alreadyArrivedAt: '2022-01-25T08:00:00Z',
        }),
    });
    await arrive('G123');
    const decision = await screen.findByRole('status', { name: 'Arrival decision' });
    expect(decision.textContent).toMatch(/Already arrived/);
    expect(decision.textContent).toMatch(
      /Eileen Gu already arrived at .+: nothing was recorded again/,
    );
    expect(decision.textContent).not.toMatch(/ADMITTED/);
  });

  it('asks before recording a departure and names the person after it', async () => {
    const { calls } = await desk({
      DepartingPerson: () => ({
        data: {
          personByCard: {
            ...person,
            closedLoop: { __typename: 'ClosedLoopState', status: 'IN_LOOP' },
          },
        },
      }),
      ProcessDeparture: () => ({
        data: {
          processDeparture: { __typename: 'ClosedLoopState', status: 'EXITED', enteredAt: null },
        },
      }),
    });
    await userEvent.type(screen.getByRole('textbox', { name: 'Departing card number' }), card);
    await userEvent.click(screen.getByRole('button', { name: 'Record departure…' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Record the departure of Eileen Gu?',
    });
    expect(calls.some((c) => c.operation === 'ProcessDeparture')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record departure' }));
    expect(
      await screen.findByText(/Departure recorded: Eileen Gu \(card .+\) has left/),
    ).toBeTruthy();
  });
});

import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { LiveBoard } from './LiveBoard';

describe('LiveBoard', () => {
  it('shows occupancy, denials today and each check-in as it is recorded', async () => {
    let denials = 4;
    let sendEvent: () => void = () => undefined;
    const event = new Promise<void>((resolve) => (sendEvent = resolve));
    const { client, calls } = stubClient({
      InspectionAreas: () => ({
        data: {
          inspectionAreas: [
            {
              __typename: 'InspectionArea',
              id: 'a1',
              code: 'NST-G1',
              name: 'National Stadium gate 1',
              kind: 'VENUE',
              venueCode: 'NST',
              zone: '1',
              closedLoop: true,
              occupancy: 1234,
            },
          ],
        },
      }),
      DenialCount: () => ({
        data: { checkIns: { __typename: 'CheckInConnection', totalCount: denials } },
      }),
      CheckInRecorded: async () => {
        await event;
        denials = 5;
        return {
          data: {
            checkInRecorded: {
              __typename: 'CheckIn',
              id: 'c9',
              direction: 'IN',
              decision: 'DENIED',
              reasons: ['TEST_OVERDUE'],
              scannedAt: '2022-02-04T12:00:00Z',
              recordedAt: '2022-02-04T12:00:00Z',
              area: {
                __typename: 'InspectionArea',
                code: 'NST-G1',
                name: 'National Stadium gate 1',
              },
              person: {
                __typename: 'Person',
                id: 'p1',
                givenName: 'Eileen',
                familyName: 'Gu',
                organisation: { __typename: 'Organisation', id: 'o1', name: 'China' },
              },
            },
          },
        };
      },
    });
    renderWith(<LiveBoard />, client);
    const table = await screen.findByRole('table', { name: 'Inspection areas' });
    const row = await within(table).findByRole('row', { name: /National Stadium gate 1/ });
    expect(within(row).getByText('1234')).toBeTruthy();
    await waitFor(() => expect(within(row).getByText('4')).toBeTruthy());
    expect(screen.getByText('Waiting for check-ins…')).toBeTruthy();

    sendEvent();
    const item = await screen.findByText(/IN at National Stadium gate 1 · Eileen Gu/);
    expect(item.closest('li')?.textContent).toContain('DENIED');
    expect(item.closest('li')?.textContent).toContain(
      'A new negative test is due before entering.',
    );
    await waitFor(() => expect(within(row).getByText('5')).toBeTruthy());
    expect(calls.filter((c) => c.operation === 'DenialCount').length).toBeGreaterThan(1);
  });
});

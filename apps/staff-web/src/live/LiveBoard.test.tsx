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
    const item = await screen.findByText(/Entry at National Stadium gate 1 · Eileen Gu/);
    expect(item.closest('li')?.textContent).toContain('DENIED');
    expect(item.closest('li')?.textContent).toContain(
      'A new negative test is due before entering.',
    );
    await waitFor(() => expect(within(row).getByText('5')).toBeTruthy());
    expect(calls.filter((c) => c.operation === 'DenialCount').length).toBeGreaterThan(1);
  });

  it('lists the latest offline conflicts, and hides them from roles that may not read check-ins', async () => {
    const conflicts = {
      __typename: 'CheckInConnection',
      totalCount: 1,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      nodes: [
        {
          __typename: 'CheckIn',
          id: 'c1',
          direction: 'IN',
          decision: 'DENIED',
          deviceDecision: 'ADMITTED',
          reasons: ['ISOLATED'],
          scannedAt: '2022-02-04T12:00:00.000Z',
          recordedAt: '2022-02-04T12:30:00.000Z',
          deviceId: 'web-1',
          area: { __typename: 'InspectionArea', code: 'NST-G1', name: 'National Stadium gate 1' },
          person: null,
        },
      ],
    };
    const base = {
      InspectionAreas: () => ({ data: { inspectionAreas: [] } }),
      CheckInRecorded: () => new Promise<never>(() => undefined),
    };
    const { client } = stubClient({
      ...base,
      Conflicts: () => ({ data: { checkIns: conflicts } }),
    });
    const view = renderWith(<LiveBoard />, client);
    const table = await screen.findByRole('table', {
      name: /offline decisions the server decided otherwise/,
    });
    expect(within(table).getByText('Unknown card')).toBeTruthy();
    expect(
      screen.getByText(/1 scan decided offline where the server decided otherwise/),
    ).toBeTruthy();
    view.unmount();

    const forbidden = stubClient({
      ...base,
      Conflicts: () => ({ errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] }),
    });
    renderWith(<LiveBoard />, forbidden.client);
    await screen.findByRole('table', { name: 'Inspection areas' });
    await waitFor(() =>
      expect(forbidden.calls.some((c) => c.operation === 'Conflicts')).toBe(true),
    );
    expect(screen.queryByRole('heading', { name: 'Offline conflicts to review' })).toBeNull();
  });
});

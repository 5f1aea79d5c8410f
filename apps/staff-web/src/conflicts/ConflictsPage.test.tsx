import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { SCREENS, canOpen } from '../nav/roles';
import { ConflictsPage } from './ConflictsPage';

const conflict = (id: string) => ({
  __typename: 'CheckIn',
  id,
  direction: 'IN',
  decision: 'DENIED',
  deviceDecision: 'ADMITTED',
  reasons: ['ISOLATED'],
  scannedAt: '2022-02-04T12:00:00.000Z',
  recordedAt: '2022-02-04T12:30:00.000Z',
  deviceId: 'web-tablet-7',
  area: { __typename: 'InspectionArea', code: 'NST-G1', name: 'National Stadium gate 1' },
  person: {
    __typename: 'Person',
    id: 'p1',
    givenName: 'Eileen',
    familyName: 'Gu',
    accreditation: { __typename: 'Accreditation', id: 'a1', cardNumber: '12345674' },
  },
});

describe('ConflictsPage', () => {
  it('lists the offline decisions the server decided otherwise, and pages on', async () => {
    const { client, calls } = stubClient({
      InspectionAreas: () => ({ data: { inspectionAreas: [] } }),
      Conflicts: (vars) => ({
        data: {
          checkIns: {
            __typename: 'CheckInConnection',
            totalCount: 60,
            pageInfo: { __typename: 'PageInfo', hasNextPage: vars.first === 50, endCursor: 'x' },
            nodes: Array.from({ length: vars.first === 50 ? 2 : 3 }, (_, i) => conflict(`c${i}`)),
          },
        },
      }),
    });
    renderWith(<ConflictsPage />, client);
    expect(await screen.findByText('60 conflicts, newest first.')).toBeTruthy();
    const table = screen.getByRole('table', { name: /decided otherwise/ });
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByText('Eileen Gu (12345674)')).toBeTruthy();
    expect(within(row).getByText('ADMITTED')).toBeTruthy();
    expect(within(row).getByText('DENIED')).toBeTruthy();
    expect(within(row).getByText('web-tablet-7')).toBeTruthy();
    expect(within(row).getByText('The person is in isolation after a positive test.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await within(table).findAllByRole('row')).toHaveLength(4);
    expect(calls.filter((c) => c.operation === 'Conflicts').map((c) => c.variables.first)).toEqual(
      expect.arrayContaining([50, 100]),
    );
  });

  it('is a screen of inspection officers (and admins) only', () => {
    const screen = SCREENS.find((s) => s.id === 'conflicts')!;
    expect(canOpen(['INSPECTION_OFFICER'], screen)).toBe(true);
    expect(canOpen(['ADMIN'], screen)).toBe(true);
    for (const role of ['VIEWER', 'HEALTH_OFFICER', 'ACCREDITATION_OFFICER', 'TRACER'] as const)
      expect(canOpen([role], screen)).toBe(false);
  });
});

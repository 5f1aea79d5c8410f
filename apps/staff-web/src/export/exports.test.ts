import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { stubClient } from '../test/stubClient';
import { deniedScansCsv, peopleCsv, testsDueCsv } from './exports';

const personNode = (i: number, familyName: string) => ({
  __typename: 'Person',
  id: `p${i}`,
  givenName: 'Ada',
  familyName,
  function: 'Athlete',
  organisation: { __typename: 'Organisation', id: 'o1', code: 'NOC-X', name: 'Team X' },
  accreditation: {
    __typename: 'Accreditation',
    id: `a${i}`,
    cardNumber: `1000000${i}`,
    category: 'Aa',
    status: 'ACTIVE',
  },
  closedLoop: { __typename: 'ClosedLoopState', status: 'ISOLATED', testDueBy: null },
});

const dueNode = (i: number, familyName: string, testDueBy: string) => ({
  __typename: 'Person',
  id: `d${i}`,
  givenName: 'Bo',
  familyName,
  organisation: { __typename: 'Organisation', id: 'o1', name: 'Team X' },
  accreditation: { __typename: 'Accreditation', id: `a${i}`, cardNumber: `2000000${i}` },
  closedLoop: { __typename: 'ClosedLoopState', status: 'IN_LOOP', testDueBy },
});

describe('list exports', () => {
  it('exports every page of the tests due before the instant on screen, overdue marked, neutralised', async () => {
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const { client, calls } = stubClient({
      TestsDue: (v) => ({
        data: {
          testsDue: {
            __typename: 'PersonConnection',
            totalCount: 2,
            pageInfo: {
              __typename: 'PageInfo',
              hasNextPage: v.after === null,
              endCursor: v.after === null ? 'c1' : null,
            },
            nodes: [v.after === null ? dueNode(1, '@SUM(A1)', past) : dueNode(2, 'Berg', later)],
          },
        },
      }),
    });
    const rows: string[][] = parse(await testsDueCsv(client, '2022-02-05T00:00:00.000Z'), {
      bom: true,
    });
    expect(calls.map((c) => c.variables)).toEqual([
      { before: '2022-02-05T00:00:00.000Z', first: 500, after: null },
      { before: '2022-02-05T00:00:00.000Z', first: 500, after: 'c1' },
    ]);
    expect(rows[0]).toEqual([
      'Test due by',
      'Overdue',
      'Family name',
      'Given name',
      'Organisation',
      'Card number',
      'Closed loop',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      [past, 'overdue', "'@SUM(A1)"],
      [later, '', 'Berg'],
    ]);
  });

  it('exports every page of the people list with the filters on screen, neutralised', async () => {
    const { client, calls } = stubClient({
      People: (v) => ({
        data: {
          people: {
            __typename: 'PersonConnection',
            totalCount: 2,
            pageInfo: {
              __typename: 'PageInfo',
              hasNextPage: v.after === null,
              endCursor: v.after === null ? 'c1' : null,
            },
            nodes: [v.after === null ? personNode(1, '=cmd|calc') : personNode(2, 'Lovelace')],
          },
        },
      }),
    });
    const rows: string[][] = parse(
      await peopleCsv(client, { closedLoopStatus: 'ISOLATED', search: 'ada' }),
      { bom: true },
    );
    expect(calls.map((c) => c.variables)).toEqual([
      { filter: { closedLoopStatus: 'ISOLATED', search: 'ada' }, first: 500, after: null },
      { filter: { closedLoopStatus: 'ISOLATED', search: 'ada' }, first: 500, after: 'c1' },
    ]);
    expect(rows[0][0]).toBe('Family name');
    expect(rows.slice(1).map((r) => r[0])).toEqual(["'=cmd|calc", 'Lovelace']);
    expect(rows[1][7]).toBe('ISOLATED');
  });

  it('exports denied scans with their reasons in words, and says why it could not', async () => {
    const { client } = stubClient({
      DeniedScans: () => ({
        data: {
          checkIns: {
            __typename: 'CheckInConnection',
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            nodes: [
              {
                __typename: 'CheckIn',
                id: 'c1',
                scannedAt: '2022-02-04T12:00:00.000Z',
                direction: 'IN',
                reasons: ['SUSPENDED'],
                deviceId: null,
                area: { __typename: 'InspectionArea', code: 'NST-G1' },
                person: null,
                annulment: null,
              },
            ],
          },
        },
      }),
    });
    const rows: string[][] = parse(await deniedScansCsv(client, { areaCode: 'NST-G1' }), {
      bom: true,
    });
    expect(rows[1]).toEqual([
      '2022-02-04T12:00:00.000Z',
      'NST-G1',
      'IN',
      '',
      '',
      '',
      '',
      'The accreditation is suspended.',
      '',
      '',
    ]);
    const refused = stubClient({
      DeniedScans: () => ({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }),
    });
    // The error as the server gave it: the button says it in the screen's language.
    await expect(deniedScansCsv(refused.client, {})).rejects.toMatchObject({
      graphQLErrors: [{ extensions: { code: 'FORBIDDEN' } }],
    });
  });
});

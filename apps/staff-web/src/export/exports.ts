import type { Client } from 'urql';
import { DeniedScansQuery, PeopleQuery, TestsDueQuery } from '../api/operations';
import type { PeopleFilter, TraceQuery } from '../gql/graphql';
import { reasonText } from '../gate/reasons';
import { toCsv, type Cell } from './csv';

const PAGE = 500;

/** A list as exported: the CSV file and the printed report are made from the same table. */
export interface Table {
  header: string[];
  rows: Cell[][];
}

export const tableCsv = (t: Table): string => toCsv(t.header, t.rows);

/** Every page of a connection, in order. */
async function all<T>(
  page: (after: string | null) => Promise<{
    nodes: T[];
    pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  }>,
): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const p = await page(after);
    out.push(...p.nodes);
    if (!p.pageInfo.hasNextPage || !p.pageInfo.endCursor) return out;
    after = p.pageInfo.endCursor;
  }
}

/** The people list with the filters on screen (also the isolated: closedLoopStatus ISOLATED). */
export async function peopleCsv(client: Client, filter: PeopleFilter): Promise<string> {
  return tableCsv(await peopleTable(client, filter));
}

export async function peopleTable(client: Client, filter: PeopleFilter): Promise<Table> {
  const people = await all(async (after) => {
    const r = await client
      .query(PeopleQuery, { filter, first: PAGE, after }, { requestPolicy: 'network-only' })
      .toPromise();
    // The screen says what went wrong, in its language (ExportButton).
    if (!r.data) throw r.error ?? new Error('no data');
    return r.data.people;
  });
  return {
    header: [
      'Family name',
      'Given name',
      'Organisation',
      'Function',
      'Card number',
      'Category',
      'Status',
      'Closed loop',
      'Test due by',
    ],
    rows: people.map((p) => [
      p.familyName,
      p.givenName,
      p.organisation.name,
      p.function,
      p.accreditation.cardNumber,
      p.accreditation.category,
      p.accreditation.status,
      p.closedLoop.status,
      p.closedLoop.testDueBy ?? '',
    ]),
  };
}

/**
 * Everyone in the loop due a test before the instant (the health desk's list),
 * soonest first, overdue ones marked as of `now`.
 */
export async function testsDueTable(
  client: Client,
  before: string,
  now: Date = new Date(),
): Promise<Table> {
  const due = await all(async (after) => {
    const r = await client
      .query(TestsDueQuery, { before, first: PAGE, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (!r.data) throw r.error ?? new Error('no data');
    return r.data.testsDue;
  });
  return {
    header: [
      'Test due by',
      'Overdue',
      'Family name',
      'Given name',
      'Organisation',
      'Card number',
      'Closed loop',
    ],
    rows: due.map((p) => {
      const dueBy = p.closedLoop.testDueBy ?? '';
      return [
        dueBy,
        dueBy && Date.parse(dueBy) < now.getTime() ? 'overdue' : '',
        p.familyName,
        p.givenName,
        p.organisation.name,
        p.accreditation.cardNumber,
        p.closedLoop.status,
      ];
    }),
  };
}

export async function testsDueCsv(client: Client, before: string): Promise<string> {
  return tableCsv(await testsDueTable(client, before));
}

/** Denied scans (the newest first), at one area or all, in a time window. */
export async function deniedScansCsv(
  client: Client,
  filter: { areaCode?: string | null; from?: string | null; to?: string | null },
): Promise<string> {
  const scans = await all(async (after) => {
    const r = await client
      .query(DeniedScansQuery, { ...filter, first: PAGE, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (!r.data) throw r.error ?? new Error('no data');
    return r.data.checkIns;
  });
  return toCsv(
    [
      'Scanned at',
      'Area',
      'Direction',
      'Card number',
      'Family name',
      'Given name',
      'Organisation',
      'Reasons',
      'Device',
      'Annulled at',
    ],
    scans.map((s) => [
      s.scannedAt,
      s.area.code,
      s.direction,
      s.person?.accreditation.cardNumber ?? '',
      s.person?.familyName ?? '',
      s.person?.givenName ?? '',
      s.person?.organisation.name ?? '',
      s.reasons.map(reasonText).join(' '),
      s.deviceId ?? '',
      s.annulment?.at ?? '',
    ]),
  );
}

/** A trace's contacts as the tracing screen shows them: most minutes first, each encounter. */
export function contactsCsv(contacts: TraceQuery['contacts']): string {
  return tableCsv(contactsTable(contacts));
}

export function contactsTable(contacts: TraceQuery['contacts']): Table {
  return {
    header: [
      'Family name',
      'Given name',
      'Organisation',
      'Closed loop',
      'Total minutes',
      'Location',
      'From',
      'Until',
      'Minutes',
    ],
    rows: contacts.flatMap((c) =>
      c.encounters.map((e) => [
        c.person.familyName,
        c.person.givenName,
        c.person.organisation.name,
        c.person.closedLoop.status,
        c.totalMinutes,
        e.location,
        e.from,
        e.until,
        e.minutes,
      ]),
    ),
  };
}

import type { MessageDescriptor } from 'react-intl';
import type { Client } from 'urql';
import { DeniedScansQuery, PeopleQuery, TestsDueQuery } from '../api/operations';
import type { PeopleFilter, TraceQuery } from '../gql/graphql';
import { reasonText } from '../gate/reasons';
import { defineMessages } from '../i18n/define';
import { toCsv, type Cell } from './csv';

const PAGE = 500;

/**
 * How a printed report shows a column's cells in the reader's language; the CSV keeps the
 * raw values (codes, ISO instants) that spreadsheets and partner systems read.
 */
export type CellKind =
  'text' | 'number' | 'dateTime' | 'accreditationStatus' | 'loopStatus' | 'overdue';

export interface Column {
  /** The CSV header: English, stable, for spreadsheets and partner systems. */
  csv: string;
  /** The printed report's header, in the reader's language. */
  label: MessageDescriptor;
  kind?: CellKind;
}

/** A list as exported: the CSV file and the printed report are made from the same table. */
export interface Table {
  columns: Column[];
  rows: Cell[][];
}

export const tableCsv = (t: Table): string =>
  toCsv(
    t.columns.map((c) => c.csv),
    t.rows,
  );

const COLUMN = defineMessages({
  familyName: { id: 'report.column.familyName', defaultMessage: 'Family name' },
  givenName: { id: 'report.column.givenName', defaultMessage: 'Given name' },
  organisation: { id: 'report.column.organisation', defaultMessage: 'Organisation' },
  function: { id: 'report.column.function', defaultMessage: 'Function' },
  cardNumber: { id: 'report.column.cardNumber', defaultMessage: 'Card number' },
  category: { id: 'report.column.category', defaultMessage: 'Category' },
  status: { id: 'report.column.status', defaultMessage: 'Status' },
  closedLoop: { id: 'report.column.closedLoop', defaultMessage: 'Closed loop' },
  testDueBy: { id: 'report.column.testDueBy', defaultMessage: 'Test due by' },
  overdue: { id: 'report.column.overdue', defaultMessage: 'Overdue' },
  totalMinutes: { id: 'report.column.totalMinutes', defaultMessage: 'Total minutes' },
  location: { id: 'report.column.location', defaultMessage: 'Location' },
  from: { id: 'report.column.from', defaultMessage: 'From' },
  until: { id: 'report.column.until', defaultMessage: 'Until' },
  minutes: { id: 'report.column.minutes', defaultMessage: 'Minutes' },
});

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
    columns: [
      { csv: 'Family name', label: COLUMN.familyName },
      { csv: 'Given name', label: COLUMN.givenName },
      { csv: 'Organisation', label: COLUMN.organisation },
      { csv: 'Function', label: COLUMN.function },
      { csv: 'Card number', label: COLUMN.cardNumber },
      { csv: 'Category', label: COLUMN.category },
      { csv: 'Status', label: COLUMN.status, kind: 'accreditationStatus' },
      { csv: 'Closed loop', label: COLUMN.closedLoop, kind: 'loopStatus' },
      { csv: 'Test due by', label: COLUMN.testDueBy, kind: 'dateTime' },
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
    columns: [
      { csv: 'Test due by', label: COLUMN.testDueBy, kind: 'dateTime' },
      { csv: 'Overdue', label: COLUMN.overdue, kind: 'overdue' },
      { csv: 'Family name', label: COLUMN.familyName },
      { csv: 'Given name', label: COLUMN.givenName },
      { csv: 'Organisation', label: COLUMN.organisation },
      { csv: 'Card number', label: COLUMN.cardNumber },
      { csv: 'Closed loop', label: COLUMN.closedLoop, kind: 'loopStatus' },
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
    columns: [
      { csv: 'Family name', label: COLUMN.familyName },
      { csv: 'Given name', label: COLUMN.givenName },
      { csv: 'Organisation', label: COLUMN.organisation },
      { csv: 'Closed loop', label: COLUMN.closedLoop, kind: 'loopStatus' },
      { csv: 'Total minutes', label: COLUMN.totalMinutes, kind: 'number' },
      { csv: 'Location', label: COLUMN.location },
      { csv: 'From', label: COLUMN.from, kind: 'dateTime' },
      { csv: 'Until', label: COLUMN.until, kind: 'dateTime' },
      { csv: 'Minutes', label: COLUMN.minutes, kind: 'number' },
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

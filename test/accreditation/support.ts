import assert from 'node:assert/strict';
import pg from 'pg';
import type { RunningSystem } from '#tools/in-process-system.js';

/** A direct connection to the system's database, for what the API does not show. */
export async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

export const CSV_HEADER =
  'givenName,familyName,dateOfBirth,nationality,function,documentNumber,category,venues,zones,validFrom,validUntil';

/** One CSV line of a valid person, with overrides by column. */
export function csvRow(documentNumber: string, overrides: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    givenName: 'Lin',
    familyName: `Importer${documentNumber}`,
    dateOfBirth: '1999-03-04',
    nationality: 'CHN',
    function: 'Athlete',
    documentNumber,
    category: 'Aa',
    venues: 'NST;BIA',
    zones: '1;2',
    validFrom: '2026-01-20T00:00:00Z',
    validUntil: '2026-03-20T00:00:00Z',
    ...overrides,
  };
  return CSV_HEADER.split(',')
    .map((column) => values[column])
    .join(',');
}

/**
 * Imports `count` valid people into the organisation through the API (document
 * numbers `<prefix>000000`...), each row adjusted by `rowOverrides`, and checks
 * that all of them were created.
 */
export async function importPeople(
  system: RunningSystem,
  organisationId: string,
  count: number,
  prefix: string,
  rowOverrides: (i: number) => Record<string, string> = () => ({}),
): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) =>
    csvRow(`${prefix}${String(i).padStart(6, '0')}`, rowOverrides(i)),
  );
  const result = await system.admin.query<{
    importPeople: { created: number; errors: unknown[] };
  }>(
    'mutation($input: ImportPeopleInput!) { importPeople(input: $input) { created errors { line field message } } }',
    { input: { organisationId, csv: [CSV_HEADER, ...rows].join('\n') } },
  );
  assert.deepEqual(result.importPeople, { created: count, errors: [] });
}

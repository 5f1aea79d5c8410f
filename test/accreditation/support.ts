import pg from 'pg';
import { startSystem, type RunningSystem, type SystemOptions } from '#tools/in-process-system.js';

/** The whole system for accreditation tests (the committed supergraph, kept current by the contract test). */
export function startAccreditationSystem(options: SystemOptions): Promise<RunningSystem> {
  return startSystem(options);
}

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

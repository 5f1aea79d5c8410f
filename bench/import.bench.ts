import { performance } from 'node:perf_hooks';
import { startAccreditationSystem, CSV_HEADER } from '#test/accreditation/support.js';
import { given } from '#test/support/given.js';

/**
 * `npm run bench:import`: the whole system on a fresh database, 100,000
 * people as one CSV imported through the gateway in one call, as an
 * accreditation office would upload a large delegation file. The quality bar
 * is under 10 s end to end.
 */
const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
process.env.LOG_LEVEL ??= 'error';

const NATIONS = ['CHN', 'USA', 'NOR', 'DEU', 'JPN', 'CAN', 'FRA', 'ITA', 'KOR', 'SWE'];
const FUNCTIONS = ['Athlete', 'Coach', 'Journalist', 'Driver', 'Volunteer'];
const CATEGORIES = ['Aa', 'Ao', 'E', 'TF', 'VF'];

function generateCsv(rows: number): string {
  const lines = [CSV_HEADER];
  for (let i = 0; i < rows; i++) {
    const dob = `19${70 + (i % 30)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push(
      [
        `Given${i % 997}`,
        `"Family, ${i}"`,
        dob,
        NATIONS[i % NATIONS.length],
        FUNCTIONS[i % FUNCTIONS.length],
        `P${String(i).padStart(9, '0')}`,
        CATEGORIES[i % CATEGORIES.length],
        i % 3 === 0 ? '*' : 'NST;BIA;YQA',
        i % 4 === 0 ? '*' : '1;2;3',
        '2026-01-20T00:00:00Z',
        '2026-03-20T00:00:00Z',
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const system = await startAccreditationSystem({ label: 'import_bench' });
try {
  const organisation = await given(system).organisation({
    code: 'NOC-BENCH',
    name: 'Benchmark delegation',
  });
  const csv = generateCsv(ROWS);
  console.log(`CSV: ${ROWS} rows, ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB`);
  const mutation = `mutation($input: ImportPeopleInput!) {
    importPeople(input: $input) { created dryRun errors { line field message } } }`;
  for (const dryRun of [true, false]) {
    const started = performance.now();
    const result = await system.admin.query<{
      importPeople: { created: number; dryRun: boolean; errors: unknown[] };
    }>(mutation, { input: { organisationId: organisation.id, csv, dryRun } });
    const seconds = (performance.now() - started) / 1000;
    const report = result.importPeople;
    if (report.errors.length > 0)
      throw new Error(`import reported errors: ${JSON.stringify(report.errors.slice(0, 5))}`);
    const rows = dryRun ? ROWS : report.created;
    console.log(
      `${dryRun ? 'dry run (validate only)' : 'import'}: ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s through the gateway`,
    );
  }
  const count = await system.admin.query<{ organisation: { people: { totalCount: number } } }>(
    `query($id: ID!) { organisation(id: $id) { people(first: 1) { totalCount } } }`,
    { id: organisation.id },
  );
  console.log(`people in the organisation afterwards: ${count.organisation.people.totalCount}`);
} finally {
  await system.stop();
}

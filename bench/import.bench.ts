import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { cpuSnapshot, cpuUsed } from '#bench/support/cpu.js';
import { deployedEnvironment } from '#bench/support/deployed.js';
import { BenchReport } from '#bench/support/report.js';
import { startSystem } from '#tools/in-process-system.js';
import { CSV_HEADER } from '#test/accreditation/support.js';
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
        // Names in no order, as a delegation's file lists them; the comma makes the cell quoted.
        `"Family, ${(i * 7919) % 100_003}"`,
        dob,
        NATIONS[i % NATIONS.length],
        FUNCTIONS[i % FUNCTIONS.length],
        `P${String(i).padStart(9, '0')}`,
        CATEGORIES[i % CATEGORIES.length],
        i % 3 === 0 ? '*' : 'NST;BIA;YAN',
        i % 4 === 0 ? '*' : '1;2;3',
        '2026-01-20T00:00:00Z',
        '2026-03-20T00:00:00Z',
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const bench = new BenchReport('import');
bench.progress('starting the system (migrations, three subgraphs, the gateway)');
const system = await startSystem({ label: 'import_bench', env: deployedEnvironment() });
try {
  bench.progress('system up; creating the organisation and the CSV');
  const organisation = await given(system).organisation({
    code: 'NOC-BENCH',
    name: 'Benchmark delegation',
  });
  const csv = generateCsv(ROWS);
  bench.progress(`CSV: ${ROWS} rows, ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB`);
  const mutation = `mutation($input: ImportPeopleInput!) {
    importPeople(input: $input) { created dryRun errors { line field message } } }`;
  console.log(
    `load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
  );
  for (const dryRun of [true, false]) {
    bench.progress(dryRun ? 'dry run: validating every row' : 'importing');
    const cpuBefore = await cpuSnapshot(system.databaseUrl, 'accreditation');
    const started = performance.now();
    const result = await system.admin.query<{
      importPeople: { created: number; dryRun: boolean; errors: unknown[] };
    }>(mutation, { input: { organisationId: organisation.id, csv, dryRun } });
    const seconds = (performance.now() - started) / 1000;
    const report = result.importPeople;
    if (report.errors.length > 0)
      throw new Error(`import reported errors: ${JSON.stringify(report.errors.slice(0, 5))}`);
    const rows = dryRun ? ROWS : report.created;
    const cpu = cpuUsed(cpuBefore, await cpuSnapshot(system.databaseUrl, 'accreditation'));
    console.log(
      `${dryRun ? 'dry run (validate only)' : 'import'}: ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s through the gateway`,
    );
    bench.figure({
      measure: `${dryRun ? 'dry run (validate only)' : 'import'} of ${rows} people through the gateway`,
      value: seconds,
      unit: 's',
      goal: dryRun ? undefined : `under ${(5 * ROWS) / 100_000} s`,
      met: dryRun ? undefined : seconds < (5 * ROWS) / 100_000,
    });
    const label = dryRun ? 'dry run' : 'import';
    bench.figure({
      measure: `${label}, CPU of the accreditation service`,
      value: cpu.service,
      unit: 's',
    });
    bench.figure({
      measure: `${label}, CPU of its PostgreSQL backends`,
      value: cpu.postgres,
      unit: 's',
    });
    console.log(
      `  CPU seconds: accreditation service ${cpu.service.toFixed(1)}, PostgreSQL ${cpu.postgres.toFixed(1)}, gateway and client ${cpu.own.toFixed(1)}; load average ${os.loadavg()[0].toFixed(1)}`,
    );
  }
  const count = await system.admin.query<{ organisation: { people: { totalCount: number } } }>(
    `query($id: ID!) { organisation(id: $id) { people(first: 1) { totalCount } } }`,
    { id: organisation.id },
  );
  console.log(`people in the organisation afterwards: ${count.organisation.people.totalCount}`);
  await bench.finish();
} finally {
  await system.stop();
}

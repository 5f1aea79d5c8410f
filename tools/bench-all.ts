import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { figuresTable, RESULTS_DIR, type BenchResult } from '#bench/support/report.js';
import { startEmbeddedPostgres } from '#libs/database/embedded.js';
import { REPO_ROOT } from '#tools/paths.js';

/**
 * `npm run bench`: every benchmark in bench/, one after the other (they
 * would measure each other otherwise), on the embedded PostgreSQL that
 * `npm start` uses and on TEST_DATABASE_URL when it is set, then their
 * figures as one table in bench/results.md.
 *
 *   node dist/tools/bench-all.js [name ...]     e.g. checkin contacts
 */
const only = process.argv.slice(2);
const benchDir = path.join(REPO_ROOT, 'dist', 'bench');
const benches = (await readdir(benchDir))
  .filter((f) => f.endsWith('.bench.js'))
  .map((f) => f.replace(/\.bench\.js$/, ''))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

await rm(RESULTS_DIR, { recursive: true, force: true });

function run(name: string, databaseUrl: string, label: string): Promise<number> {
  console.log(`\n=== ${name} on ${label}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(benchDir, `${name}.bench.js`)], {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: databaseUrl, BENCH_DATABASE_LABEL: label },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const targets: { label: string; url: () => Promise<{ url: string; stop(): Promise<void> }> }[] = [
  {
    label: 'embedded',
    url: async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'games-bench-pg-'));
      const pg = await startEmbeddedPostgres(dir, 'postgres_bench');
      return {
        url: pg.url,
        stop: async () => {
          await pg.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
];
if (process.env.TEST_DATABASE_URL) {
  const url = process.env.TEST_DATABASE_URL;
  targets.push({
    label: 'TEST_DATABASE_URL',
    url: () => Promise.resolve({ url, stop: async () => {} }),
  });
}

const failed: string[] = [];
for (const target of targets) {
  const database = await target.url();
  try {
    for (const name of benches) {
      if ((await run(name, database.url, target.label)) !== 0)
        failed.push(`${name} (${target.label})`);
    }
  } finally {
    await database.stop();
  }
}

const results: BenchResult[] = [];
for (const file of (await readdir(RESULTS_DIR).catch(() => [])).sort()) {
  results.push(JSON.parse(await readFile(path.join(RESULTS_DIR, file), 'utf8')) as BenchResult);
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const sections = results.map(
  (r) =>
    `## ${r.bench} — ${r.database}\n\n${r.startedAt}, ${r.seconds.toFixed(0)} s, load average ${r.loadAtStart.toFixed(1)} → ${r.loadAtEnd.toFixed(1)} on ${r.cpus} CPUs\n\n${figuresTable(r.figures)}\n`,
);
await writeFile(
  path.join(REPO_ROOT, 'bench', 'results.md'),
  `# Benchmark results\n\nWritten by \`npm run bench\` on ${os.hostname()} (${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB), Node ${process.version}.\n` +
    `"embedded" is the PostgreSQL \`npm start\` runs; "TEST_DATABASE_URL" the server it named.\n\n${sections.join('\n')}` +
    (failed.length ? `\nFailed: ${failed.join(', ')}\n` : ''),
);
console.log(`\nbench/results.md written${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);

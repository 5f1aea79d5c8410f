import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
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
 *
 * Naming benchmarks reruns only those: their sections are replaced and the
 * others' kept (bench/results.json holds every section's figures, each with
 * its own date and load). BENCH_ON=embedded or BENCH_ON=TEST_DATABASE_URL runs
 * them on that database alone (a contacts run reusing a loaded database with
 * BENCH_DATABASE_URL must not be reported as the other one's). BENCH_EMBEDDED_URL names an
 * embedded server already running, such as one kept with a contacts load (the Games' ten
 * million events take minutes to load), in place of a fresh one.
 */
const only = process.argv.slice(2);
const RESULTS_JSON = path.join(REPO_ROOT, 'bench', 'results.json');
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
      // As deployed (bench/support/deployed.ts), unless NODE_ENV was set on purpose.
      env: {
        NODE_ENV: 'production',
        ...process.env,
        TEST_DATABASE_URL: databaseUrl,
        BENCH_DATABASE_LABEL: label,
      },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const targets: { label: string; url: () => Promise<{ url: string; stop(): Promise<void> }> }[] = [
  {
    label: 'embedded',
    url: async () => {
      const running = process.env.BENCH_EMBEDDED_URL;
      if (running) return { url: running, stop: async () => {} };
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
for (const target of targets.filter(
  (t) => !process.env.BENCH_ON || t.label === process.env.BENCH_ON,
)) {
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

const fresh: BenchResult[] = [];
for (const file of (await readdir(RESULTS_DIR).catch(() => [])).sort()) {
  fresh.push(JSON.parse(await readFile(path.join(RESULTS_DIR, file), 'utf8')) as BenchResult);
}
const sectionKey = (r: BenchResult) => `${r.bench} — ${r.database}`;
const earlier = JSON.parse(await readFile(RESULTS_JSON, 'utf8').catch(() => '[]')) as BenchResult[];
const replaced = new Set(fresh.map(sectionKey));
const results = [...earlier.filter((r) => !replaced.has(sectionKey(r))), ...fresh].sort((a, b) =>
  sectionKey(a).localeCompare(sectionKey(b)),
);
await writeFile(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const sections = results.map(
  (r) =>
    `## ${sectionKey(r)}\n\n${r.startedAt}, ${r.seconds.toFixed(0)} s, load average ${r.loadAtStart.toFixed(1)} → ${r.loadAtEnd.toFixed(1)} on ${r.cpus} CPUs${r.referenceMs === undefined ? '' : `, machine reference ${r.referenceMs.toFixed(0)} ms`}${r.hugePages ? `, ${r.hugePages}` : ''}\n\n${figuresTable(r.figures)}\n`,
);
const resultsMd = path.join(REPO_ROOT, 'bench', 'results.md');
// Formatted as the repository's Prettier check expects, so a committed run keeps lint green.
const format = async (markdown: string) =>
  prettier.format(markdown, { ...(await prettier.resolveConfig(resultsMd)), filepath: resultsMd });
await writeFile(
  resultsMd,
  await format(
    `# Benchmark results\n\nWritten by \`npm run bench\` on ${os.hostname()} (${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB), Node ${process.version}.\n` +
      `"embedded" is the PostgreSQL \`npm start\` runs; "TEST_DATABASE_URL" the server it named. ` +
      `The machine reference is a fixed piece of Node work timed at each benchmark's start (bench/support/machine-reference.ts; lower is faster): ` +
      `the same machine's speed differs from day to day, so compare sections by it.\n\n${sections.join('\n')}` +
      (failed.length ? `\nFailed: ${failed.join(', ')}\n` : ''),
  ),
);
console.log(`\nbench/results.md written${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);

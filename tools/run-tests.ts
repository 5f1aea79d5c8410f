import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '#libs/database/embedded.js';
import { REPO_ROOT } from '#tools/paths.js';

/**
 * `npm run test:server`, `npm run test:browser` and the test step of `npm test`:
 * compiled test files under dist/, with Node's test runner, files in parallel.
 *
 *   node dist/tools/run-tests.js [--server | --browser] [file or folder ...]
 *
 * The tiers, told apart by name:
 *   *.spec.js          unit tests of pure code
 *   *.service-spec.js  services and libraries against a real PostgreSQL, without the gateway
 *   *.e2e-spec.js      the whole system through the gateway (tools/in-process-system.ts)
 *   *.browser-spec.js  the staff web client in Chromium against the whole system
 * `--server` runs the first three, `--browser` the last; neither runs all four.
 *
 * Tests need a PostgreSQL server: TEST_DATABASE_URL names one (CI's), or an
 * embedded one is started here for the run and removed after. Each test file
 * makes a database of its own on that server.
 */
const TEST_FILE = /\.(e2e-|service-|browser-)?spec\.js$/;
const BROWSER_FILE = /\.browser-spec\.js$/;

async function testFiles(target: string): Promise<string[]> {
  if (!(await stat(target)).isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && TEST_FILE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const args = process.argv.slice(2);
const tier = args.includes('--browser') ? 'browser' : args.includes('--server') ? 'server' : 'all';
const targets = args.filter((a) => !a.startsWith('--')).map((a) => path.resolve(a));
// The web client's own build (dist/staff-web) holds no tests of ours.
const webBuild = path.join(REPO_ROOT, 'dist', 'staff-web') + path.sep;
const files = (
  await Promise.all((targets.length ? targets : [path.join(REPO_ROOT, 'dist')]).map(testFiles))
)
  .flat()
  .filter((f) => !f.startsWith(webBuild))
  .filter((f) => tier === 'all' || (tier === 'browser') === BROWSER_FILE.test(f));
if (files.length === 0) {
  console.error(`no test files in ${targets.join(', ') || 'dist/'}: run \`npm run build\` first`);
  process.exit(1);
}

let tmp: string | null = null;
let pg: RunningPostgres | null = null;
if (!process.env.TEST_DATABASE_URL) {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'games-test-pg-'));
  pg = await startEmbeddedPostgres(tmp, 'postgres_tests');
}
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--test',
      `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 3}`,
      ...files,
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? pg?.url,
        LOG_LEVEL: 'error',
      },
    },
  );
  child.on('exit', (exitCode) => resolve(exitCode ?? 1));
});
await pg?.stop();
if (tmp) await rm(tmp, { recursive: true, force: true });
process.exit(code);

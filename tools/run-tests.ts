import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '#libs/database/embedded.js';
import { REPO_ROOT } from '#tools/paths.js';

/**
 * `npm run test:server`: every compiled *.spec.js and *.e2e-spec.js under
 * dist/, with Node's test runner, files in parallel. Tests need a PostgreSQL
 * server: TEST_DATABASE_URL names one (CI's), or an embedded one is started
 * here for the run and removed after. Each test file makes a database of its
 * own on that server.
 */
async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(e2e-)?spec\.js$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${path.sep}staff-web${path.sep}`))
    .sort();
}

const only = process.argv.slice(2);
const files = only.length
  ? only.map((f) => path.resolve(f))
  : await testFiles(path.join(REPO_ROOT, 'dist'));
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

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SERVICE_START_TIMEOUT_MS } from '#libs/common/child-service.js';
import { freePort } from '#libs/common/net.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '#tools/in-process-system.js';
import { REPO_ROOT } from '#tools/paths.js';
import { createTestDatabase } from '#test/support/database.js';
import { OutputWatch } from '#test/support/output-watch.js';

type Line = Record<string, unknown>;

/** `npm start` as an operator runs it: the built launcher, on a database of the test's own. */
export interface LaunchedSystem {
  /** The gateway's GraphQL endpoint on PORT. */
  url: string;
  /** Everything the launcher and its children wrote, as JSON lines to wait on. */
  output: OutputWatch;
  process: ChildProcess;
  /** The pid the launcher last reported for a service ("gateway", "movement-2"). */
  pidOf(service: string): number;
  /** Stops the launcher (SIGTERM, waiting for its exit), drops the database, removes DATA_DIR. */
  stop(): Promise<void>;
}

/** Whether a process is still running (signal 0 checks without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A predicate for the launcher's own log lines ("started", "exited"), for one service or any. */
export const launcherSaid =
  (event: string, service?: string) =>
  (line: Line): boolean =>
    line.name === 'launcher' && line.event === event && (!service || line.service === service);

/**
 * Starts `dist/apps/launcher/main.js` with `env` added to the test's environment and resolves
 * once it logs that the system is ready. `label` names the test database.
 */
export async function startLauncher(
  label: string,
  env: Record<string, string> = {},
): Promise<LaunchedSystem> {
  const output = new OutputWatch();
  const database = await createTestDatabase(label);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `${label}-`));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', path.join(REPO_ROOT, 'dist/apps/launcher/main.js')],
    {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        PORT: String(port),
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // The launcher gives up on its own when a service does not come up (the subgraphs, then
    // the gateway, each within SERVICE_START_TIMEOUT_MS), and the wait ends when it exits: this
    // bound, past both, only turns a hang of the launcher itself into a failure.
    await output.waitFor('the system is ready', (l) => /^ready/.test(String(l.msg)), {
      process: child,
      timeoutMs: 2 * SERVICE_START_TIMEOUT_MS + 120_000,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    output,
    process: child,
    pidOf: (service) => Number(output.lines().filter(launcherSaid('started', service)).at(-1)?.pid),
    stop,
  };
}

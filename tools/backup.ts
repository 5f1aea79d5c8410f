import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { backupDatabase } from '#libs/database/backup.js';
import { startEmbeddedPostgres, type RunningPostgres } from '#libs/database/embedded.js';
import { loadOrCreatePasswords } from '#apps/launcher/database.js';

/**
 * `npm run backup [-- FILE]`: a consistent copy of the system's database in FILE (default
 * backup-<time>.sql, mode 0600). With DATABASE_URL (the owner's or a superuser's URL), that
 * database; without it, the embedded one in DATA_DIR (default .data/): the running server
 * when `npm start` is up, else started for the backup and stopped after.
 */
const file = path.resolve(
  process.argv[2] ?? `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.sql`,
);

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** The embedded server's URL: the running one (its port is in postmaster.pid) or a fresh start. */
async function embedded(dataDir: string): Promise<{ url: string; server: RunningPostgres | null }> {
  const { superuser } = await loadOrCreatePasswords(dataDir);
  const pid = await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(
    () => null,
  );
  const port = pid?.split('\n')[3]?.trim();
  if (port) {
    const url = `postgres://postgres:${encodeURIComponent(superuser)}@127.0.0.1:${port}/games`;
    if (await reachable(url)) return { url, server: null };
  }
  const server = await startEmbeddedPostgres(dataDir, 'games', superuser);
  return { url: server.url, server };
}

let server: RunningPostgres | null = null;
try {
  let url = process.env.DATABASE_URL;
  if (!url) ({ url, server } = await embedded(path.resolve(process.env.DATA_DIR ?? '.data')));
  await backupDatabase(url, file);
  console.log(`backup written to ${file}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await server?.stop();
}

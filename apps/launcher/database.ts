import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '#libs/database/embedded.js';
import {
  databaseUrlVariable,
  generateRolePasswords,
  provisionDatabase,
  SERVICE_NAMES,
  type DatabaseRoles,
  type RolePasswords,
} from '#libs/database/roles.js';

/** The passwords of the embedded cluster's superuser and of the system's roles. */
export type EmbeddedPasswords = RolePasswords & { superuser: string };

/**
 * Kept with the data (DATA_DIR/database-passwords.json, mode 0600) beside the other
 * generated secrets, so the roles keep working across restarts.
 */
export async function loadOrCreatePasswords(dataDir: string): Promise<EmbeddedPasswords> {
  const file = path.join(dataDir, 'database-passwords.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as EmbeddedPasswords;
  const passwords = {
    superuser: randomBytes(32).toString('base64url'),
    ...generateRolePasswords(),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(passwords), { mode: 0o600 });
  return passwords;
}

export interface LauncherDatabase {
  /** The embedded server, when the launcher runs one. */
  postgres: RunningPostgres | null;
  /** The owner's URL (migrations) and each service's own. */
  roles: DatabaseRoles;
}

/**
 * The database `npm start` runs on. Without DATABASE_URL: the embedded PostgreSQL in
 * DATA_DIR, with the owner and service roles created (or their passwords reset) by its
 * superuser. With DATABASE_URL and each service's <SERVICE>_DATABASE_URL: the owner's
 * URL and the roles made beforehand (npm run db:roles). With DATABASE_URL alone, a
 * superuser's (development, the browser tests): the roles are made as for the embedded
 * one, their passwords kept in DATA_DIR.
 */
export async function launcherDatabase(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<LauncherDatabase> {
  if (env.DATABASE_URL) {
    const given = SERVICE_NAMES.map(databaseUrlVariable).filter((name) => env[name]);
    if (given.length === 0 && (await isSuperuser(env.DATABASE_URL))) {
      const passwords = await loadOrCreatePasswords(dataDir);
      return { postgres: null, roles: await provisionDatabase(env.DATABASE_URL, passwords) };
    }
    const missing = SERVICE_NAMES.map(databaseUrlVariable).filter((name) => !env[name]);
    if (missing.length > 0) {
      throw new Error(
        `With DATABASE_URL (the owner role's URL), set ${missing.join(', ')} to each service's ` +
          `own role (npm run db:roles creates the roles and prints these lines; see README)`,
      );
    }
    return {
      postgres: null,
      roles: {
        owner: env.DATABASE_URL,
        accreditation: env[databaseUrlVariable('accreditation')] as string,
        inspection: env[databaseUrlVariable('inspection')] as string,
        movement: env[databaseUrlVariable('movement')] as string,
      },
    };
  }
  const passwords = await loadOrCreatePasswords(dataDir);
  const postgres = await startEmbeddedPostgres(dataDir, 'games', passwords.superuser);
  try {
    return { postgres, roles: await provisionDatabase(postgres.url, passwords) };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

async function isSuperuser(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, application_name: 'launcher' });
  await client.connect();
  try {
    const { rows } = await client.query<{ superuser: boolean }>(
      `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    return rows[0]?.superuser === true;
  } finally {
    await client.end();
  }
}

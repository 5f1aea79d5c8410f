import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  createRoles,
  dropRoles,
  generateRolePasswords,
  roleUrls,
  rolesOf,
  type DatabaseRoles,
} from '#libs/database/roles.js';

/** The PostgreSQL server tests run against (the embedded one the runner started, or CI's). */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  /** The server's superuser on this database: for seeding, inspecting and tampering. */
  url: string;
  /** Each role's URL: the owner migrates, each service logs in as its own. */
  roles: DatabaseRoles;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, so files can run in parallel, with its own
 * roles (`<database>_owner`, `_accreditation`, …: role names are cluster-wide, and a
 * random database name keeps them apart from every other file's and engineer's). The
 * owner owns the database; nothing is migrated yet.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `e2e_${label.replace(/\W+/g, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const roles = rolesOf(name);
  const passwords = generateRolePasswords();
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await createRoles(admin, roles, passwords);
    await admin.query(`CREATE DATABASE ${name} OWNER ${admin.escapeIdentifier(roles.owner)}`);
  } catch (error) {
    await dropRoles(admin, roles);
    throw error;
  } finally {
    await admin.end();
  }
  const url = withDatabase(server, name);
  return {
    url,
    roles: roleUrls(url, passwords),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropRoles(c, roles);
      } finally {
        await c.end();
      }
    },
  };
}

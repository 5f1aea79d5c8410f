import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The services that log in to PostgreSQL, each as a role of its own. */
export const SERVICE_NAMES = ['accreditation', 'inspection', 'movement'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The owner runs the migrations and owns every schema; the services only use what it grants. */
export type RoleKey = 'owner' | ServiceName;
export const ROLE_KEYS: readonly RoleKey[] = ['owner', ...SERVICE_NAMES];

/** The schemas the owner owns, one per service (identity belongs to accreditation) and the audit trail. */
export const OWNED_SCHEMAS = ['identity', 'accreditation', 'inspection', 'movement', 'audit'];

export type DatabaseRoles = Record<RoleKey, string>;
export type RolePasswords = Record<RoleKey, string>;

// Role names are at most 63 bytes; the longest suffix is "_accreditation".
const MAX_DATABASE_NAME = 63 - '_accreditation'.length;

/**
 * The roles of one database are named after it: `games_owner`, `games_accreditation`,
 * `games_inspection`, `games_movement` for the database `games`. Role names are
 * cluster-wide, so databases sharing a server (test files, several systems) never share
 * a role, and a migration finds its roles from current_database().
 */
export function rolesOf(database: string): DatabaseRoles {
  if (!/^[a-z_][a-z0-9_]*$/.test(database) || database.length > MAX_DATABASE_NAME) {
    throw new Error(
      `database name ${JSON.stringify(database)}: its roles are named after it, so it must be ` +
        `lower-case letters, digits and underscores, at most ${MAX_DATABASE_NAME} characters`,
    );
  }
  return {
    owner: `${database}_owner`,
    accreditation: `${database}_accreditation`,
    inspection: `${database}_inspection`,
    movement: `${database}_movement`,
  };
}

/** 256-bit random passwords, URL-safe so they can stand in a DATABASE_URL as they are. */
export function generateRolePasswords(): RolePasswords {
  const make = () => randomBytes(32).toString('base64url');
  return { owner: make(), accreditation: make(), inspection: make(), movement: make() };
}

/** `url` with another user and password (and, when given, another database). */
export function urlAs(url: string, role: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

/** The database a connection URL names. */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Each role's connection URL to the database `url` names. */
export function roleUrls(url: string, passwords: RolePasswords): DatabaseRoles {
  const roles = rolesOf(databaseOf(url));
  return {
    owner: urlAs(url, roles.owner, passwords.owner),
    accreditation: urlAs(url, roles.accreditation, passwords.accreditation),
    inspection: urlAs(url, roles.inspection, passwords.inspection),
    movement: urlAs(url, roles.movement, passwords.movement),
  };
}

// No role of ours may be more than a login: no superuser, no role or database creation,
// no replication, no bypassing row security.
const ROLE_ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

/**
 * Creates the four login roles of a database, or resets their attributes and passwords
 * when they exist. Needs a superuser (or CREATEROLE) connection to any database of the
 * server. Role names are unique per database, so concurrent callers for different
 * databases never collide.
 */
export async function createRoles(
  admin: pg.ClientBase,
  roles: DatabaseRoles,
  passwords: RolePasswords,
): Promise<void> {
  for (const key of ROLE_KEYS) {
    const role = admin.escapeIdentifier(roles[key]);
    const password = admin.escapeLiteral(passwords[key]);
    try {
      await admin.query(`CREATE ROLE ${role} ${ROLE_ATTRIBUTES} PASSWORD ${password}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42710') throw error; // duplicate_object
      await admin.query(`ALTER ROLE ${role} WITH ${ROLE_ATTRIBUTES} PASSWORD ${password}`);
    }
  }
}

/** Drops the roles of a database that is gone (they own nothing elsewhere). */
export async function dropRoles(admin: pg.ClientBase, roles: DatabaseRoles): Promise<void> {
  for (const key of ROLE_KEYS) {
    await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(roles[key])}`);
  }
}

/**
 * Makes the owner role own the database the admin connection is on, and everything in
 * the system's schemas that another role created (a database migrated before roles
 * existed, by the superuser). Public gets no CREATE on the public schema (already so
 * from PostgreSQL 15 on). Run as a superuser.
 */
export async function adoptDatabase(admin: pg.ClientBase, owner: string): Promise<void> {
  const [{ database }] = (
    await admin.query<{ database: string }>(`SELECT current_database() AS database`)
  ).rows;
  await admin.query(
    `ALTER DATABASE ${admin.escapeIdentifier(database)} OWNER TO ${admin.escapeIdentifier(owner)}`,
  );
  await admin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  const objects = await admin.query<{ statement: string }>(
    `SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, $2::text) AS statement
     FROM pg_namespace n WHERE n.nspname = ANY($1::text[]) AND n.nspowner <> $2::regrole
     UNION ALL
     SELECT format('ALTER %s %s OWNER TO %I',
                   CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                  WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                   c.oid::regclass, $2::text)
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE (n.nspname = ANY($1::text[]) OR c.oid = to_regclass('public.schema_migrations'))
       AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> $2::regrole
       -- A sequence that belongs to a column follows its table.
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')
                       AND d.classid = 'pg_class'::regclass AND c.relkind = 'S')
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $2::text)
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = ANY($1::text[]) AND p.proowner <> $2::regrole`,
    [OWNED_SCHEMAS, owner],
  );
  for (const { statement } of objects.rows) await admin.query(statement);
}

/**
 * Everything a database needs before its first migration: the roles (with these
 * passwords) and the owner owning the database. `adminUrl` is a superuser's connection
 * to that database. Returns each role's URL.
 */
export async function provisionDatabase(
  adminUrl: string,
  passwords: RolePasswords,
): Promise<DatabaseRoles> {
  const roles = rolesOf(databaseOf(adminUrl));
  const admin = new pg.Client({ connectionString: adminUrl, application_name: 'provision' });
  await admin.connect();
  try {
    await createRoles(admin, roles, passwords);
    await adoptDatabase(admin, roles.owner);
  } finally {
    await admin.end();
  }
  return roleUrls(adminUrl, passwords);
}

/**
 * In a migration: the roles of the database being migrated, as SQL identifiers, and the
 * database itself. Fails, naming them, when the service roles do not exist yet.
 */
export async function migrationRoles(q: {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}): Promise<DatabaseRoles & { database: string }> {
  const [{ database }] = (await q.query(`SELECT current_database() AS database`)) as {
    database: string;
  }[];
  const roles = rolesOf(database);
  const found = (await q.query(`SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])`, [
    Object.values(roles),
  ])) as { rolname: string }[];
  const missing = Object.values(roles).filter((r) => !found.some((f) => f.rolname === r));
  if (missing.length > 0) {
    throw new Error(
      `roles ${missing.join(', ')} do not exist: create them first (npm run db:roles, see README)`,
    );
  }
  const quoted = (name: string) => `"${name}"`;
  return {
    database: quoted(database),
    owner: quoted(roles.owner),
    accreditation: quoted(roles.accreditation),
    inspection: quoted(roles.inspection),
    movement: quoted(roles.movement),
  };
}

/** The variable that gives a service its own role's URL where several are configured at once. */
export const databaseUrlVariable = (service: ServiceName) =>
  `${service.toUpperCase()}_DATABASE_URL`;

/**
 * Unsets, in a child's environment, every database URL its parent's may hold (a child
 * process inherits its parent's environment: see child-service.ts).
 */
export const NO_DATABASE_URLS: Readonly<Record<string, undefined>> = Object.fromEntries(
  ['DATABASE_URL', ...SERVICE_NAMES.map(databaseUrlVariable)].map((name) => [name, undefined]),
);

/**
 * What a service process gets of the database configuration: its own role's URL as
 * DATABASE_URL (from `<SERVICE>_DATABASE_URL`, else DATABASE_URL), and no other role's.
 */
export function serviceDatabaseEnvironment(
  service: ServiceName,
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return {
    ...NO_DATABASE_URLS,
    DATABASE_URL: env[databaseUrlVariable(service)] ?? env.DATABASE_URL,
  };
}

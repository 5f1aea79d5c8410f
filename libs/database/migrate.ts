import pg from 'pg';
import { createDataSource } from '#libs/database/data-source.js';
import { ALL_MIGRATIONS } from '#libs/database/migrations.js';
import { rolesOf } from '#libs/database/roles.js';

/** Any fixed number: every process that migrates takes this advisory lock first. */
const MIGRATION_LOCK_KEY = 7_202_202;

/**
 * Applies pending migrations, as the database's owner role (`<database>_owner`, see
 * roles.ts): what it creates is the owner's, and the owner's default privileges grant
 * the services what they need. Anyone else is refused before anything runs. Several
 * processes may migrate at once; the advisory lock lets one of them migrate while the
 * others wait and then find nothing left to do.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource({
    url,
    applicationName: 'migrate',
    entities: [],
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [who] = (await runner.query(
        `SELECT current_user AS me, current_database() AS database`,
      )) as { me: string; database: string }[];
      const owner = rolesOf(who.database).owner;
      if (who.me !== owner) {
        throw new Error(
          `migrations run as the owner role ${owner}, not as ${who.me}: ` +
            `give DATABASE_URL the owner's credentials (see README, "Database roles")`,
        );
      }
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      return applied.map((m) => m.name);
    } finally {
      await runner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}

/**
 * A service starts only on a database its code matches: it cannot migrate (its role
 * creates nothing), so it names what is missing and who applies it.
 */
export async function assertMigrated(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'migration-check' });
  await client.connect();
  try {
    let applied = new Set<string>();
    try {
      const rows = await client.query<{ name: string }>(
        `SELECT name FROM public.schema_migrations`,
      );
      applied = new Set(rows.rows.map((r) => r.name));
    } catch (error) {
      if ((error as { code?: string }).code !== '42P01') throw error; // undefined_table
    }
    const pending = ALL_MIGRATIONS.map((m) => m.name).filter((name) => !applied.has(name));
    if (pending.length > 0) {
      throw new Error(
        `the database lacks ${pending.length} migration(s) (${pending.join(', ')}): ` +
          `apply them as the owner role first (npm run migrate, or npm start)`,
      );
    }
  } finally {
    await client.end();
  }
}

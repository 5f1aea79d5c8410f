import { createDataSource } from '#libs/database/data-source.js';

/** Any fixed number: every process that migrates takes this advisory lock first. */
const MIGRATION_LOCK_KEY = 7_202_202;

/**
 * Applies pending migrations. Several services may start at once against one
 * database; the advisory lock lets exactly one of them migrate while the
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

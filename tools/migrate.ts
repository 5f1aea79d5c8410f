import { runMigrations } from '#libs/database/migrate.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL, the owner role's URL. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "Set DATABASE_URL to the owner role's URL (npm run db:roles prints it; " +
      'npm start migrates the embedded database by itself).',
  );
  process.exit(2);
}
try {
  const applied = await runMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

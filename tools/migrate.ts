import { runMigrations } from '#libs/database/migrate.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL (npm start migrates the embedded database by itself).');
  process.exit(2);
}
const applied = await runMigrations(url);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply');

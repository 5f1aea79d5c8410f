import path from 'node:path';
import { restoreDatabase } from '#libs/database/backup.js';
import { startEmbeddedPostgres, type RunningPostgres } from '#libs/database/embedded.js';
import { databaseUrlVariable, generateRolePasswords } from '#libs/database/roles.js';
import { loadOrCreatePasswords } from '#apps/launcher/database.js';

/**
 * `npm run restore -- FILE`: brings a backup back into an empty database. With
 * DATABASE_ADMIN_URL (a superuser's URL to an existing, empty database) there, creating its
 * roles with new passwords, printed as for npm run db:roles; without it, into the embedded
 * PostgreSQL of DATA_DIR (a fresh folder; the system must not be running), with the passwords
 * kept there, so `npm start` then runs on the restored data.
 */
const file = process.argv[2];
if (!file) {
  console.error(
    'usage: npm run restore -- FILE   (with DATABASE_ADMIN_URL, or DATA_DIR for embedded)',
  );
  process.exit(2);
}

let server: RunningPostgres | null = null;
try {
  const adminUrl = process.env.DATABASE_ADMIN_URL;
  if (adminUrl) {
    const roles = await restoreDatabase(adminUrl, path.resolve(file), generateRolePasswords());
    console.log(
      [
        '# Restored. The owner (migrations, npm start):',
        `DATABASE_URL=${roles.owner}`,
        '# Each service its own:',
        `${databaseUrlVariable('accreditation')}=${roles.accreditation}`,
        `${databaseUrlVariable('inspection')}=${roles.inspection}`,
        `${databaseUrlVariable('movement')}=${roles.movement}`,
      ].join('\n'),
    );
  } else {
    const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
    const passwords = await loadOrCreatePasswords(dataDir);
    server = await startEmbeddedPostgres(dataDir, 'games', passwords.superuser);
    await restoreDatabase(server.url, path.resolve(file), passwords);
    console.log(`restored into the embedded database in ${dataDir}; start it with npm start`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await server?.stop();
}

import {
  generateRolePasswords,
  provisionDatabase,
  databaseUrlVariable,
} from '#libs/database/roles.js';

/**
 * `npm run db:roles`: makes an external PostgreSQL database ready for the system, in
 * one command. DATABASE_ADMIN_URL is a superuser's URL to that database (create the
 * empty database first). It creates the owner role and one role per service
 * (`<database>_owner`, `_accreditation`, `_inspection`, `_movement`) with generated
 * passwords, or resets the passwords of those that exist, makes the owner own the
 * database (and anything already in the system's schemas), and prints the variables
 * to give the launcher or each service. The passwords are shown only here.
 */
const adminUrl = process.env.DATABASE_ADMIN_URL;
if (!adminUrl) {
  console.error(
    'Set DATABASE_ADMIN_URL to a superuser URL of the (existing, possibly empty) database, e.g.\n' +
      '  DATABASE_ADMIN_URL=postgres://postgres@db.example:5432/games npm run db:roles',
  );
  process.exit(2);
}
try {
  const roles = await provisionDatabase(adminUrl, generateRolePasswords());
  console.log(
    [
      '# The owner: migrations (npm run migrate, npm start). Keep it away from the services.',
      `DATABASE_URL=${roles.owner}`,
      '# Each service: give it as DATABASE_URL to that service alone (npm start reads these).',
      `${databaseUrlVariable('accreditation')}=${roles.accreditation}`,
      `${databaseUrlVariable('inspection')}=${roles.inspection}`,
      `${databaseUrlVariable('movement')}=${roles.movement}`,
    ].join('\n'),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

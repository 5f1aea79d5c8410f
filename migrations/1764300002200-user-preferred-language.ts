import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a user reads the staff screens in (setPreferredLanguage), so the
 * choice follows them from one device to the next. NULL: none chosen, and the
 * client follows the browser's language.
 */
export class UserPreferredLanguage1764300002200 implements MigrationInterface {
  name = 'UserPreferredLanguage1764300002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE identity.users
        ADD COLUMN preferred_language text
          CONSTRAINT users_preferred_language_check CHECK (preferred_language IN ('EN', 'FR', 'ZH'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.users DROP COLUMN preferred_language`);
  }
}

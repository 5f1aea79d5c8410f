import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * Annulled scans (annulCheckIn): the check-in stays as it was and this row says
 * who annulled it, when and why, with the ids of the movement events that undid
 * its entry or exit. One row per check-in (annulling twice is a CONFLICT, kept
 * by the key); the inspection service may only add rows, like the log itself.
 * The service names the annulling user by email: identity.user_email() is
 * granted to it for that.
 */
export class CheckInAnnulments1764300001700 implements MigrationInterface {
  name = 'CheckInAnnulments1764300001700';

  async up(q: QueryRunner): Promise<void> {
    const { inspection: ins } = await migrationRoles(q);
    await q.query(`
      CREATE TABLE inspection.check_in_annulments (
        check_in_id uuid PRIMARY KEY REFERENCES inspection.check_ins (id),
        annulled_at timestamptz NOT NULL,
        annulled_by text NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
        compensating_event_ids uuid[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`REVOKE ALL ON inspection.check_in_annulments FROM ${ins}`);
    await q.query(`GRANT SELECT, INSERT ON inspection.check_in_annulments TO ${ins}`);
    await q.query(`GRANT EXECUTE ON FUNCTION identity.user_email(uuid) TO ${ins}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const { inspection: ins } = await migrationRoles(q);
    await q.query(`REVOKE EXECUTE ON FUNCTION identity.user_email(uuid) FROM ${ins}`);
    await q.query(`DROP TABLE inspection.check_in_annulments`);
  }
}

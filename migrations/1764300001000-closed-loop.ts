import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * The closed loop's safety rules (DESIGN.md "Health", "Movement log"):
 *
 * - accreditation.accreditation_created: when each person's accreditation was created
 *   (its first history line), for the inspection service, which refuses a test sampled
 *   before it.
 * - inspection.closed_loop_statuses reads an expired close contact as IN_LOOP, as the
 *   inspection service does.
 * - movement.events (location, person_id, occurred_at): the contact trace finds, for each
 *   person who was ever at a location, their last event there before the window (a loose
 *   index scan, one probe per person), so a stay that began days earlier is not missed.
 * - inspection.closed_loop (test_due_by) for testsDue, over the people in the loop.
 */
export class ClosedLoop1764300001000 implements MigrationInterface {
  name = 'ClosedLoop1764300001000';

  async up(q: QueryRunner): Promise<void> {
    const { inspection: ins } = await migrationRoles(q);
    await q.query(`
      CREATE VIEW accreditation.accreditation_created AS
      SELECT a.person_id,
             (SELECT min(e.at) FROM accreditation.accreditation_events e
              WHERE e.accreditation_id = a.id) AS created_at
      FROM accreditation.accreditations a`);
    await q.query(`GRANT SELECT ON accreditation.accreditation_created TO ${ins}`);
    await q.query(`
      CREATE OR REPLACE VIEW inspection.closed_loop_statuses AS
      SELECT c.person_id,
             CASE WHEN c.status = 'CLOSE_CONTACT' AND c.close_contact_until <= now()
                  THEN 'IN_LOOP' ELSE c.status END AS status,
             c.test_due_by
      FROM inspection.closed_loop c`);
    await q.query(
      `CREATE INDEX events_location_person_idx ON movement.events (location, person_id, occurred_at, id)
       INCLUDE (kind, recorded_at)`,
    );
    await q.query(
      `CREATE INDEX closed_loop_due_idx ON inspection.closed_loop (test_due_by, person_id)
       WHERE status IN ('IN_LOOP', 'CLOSE_CONTACT')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inspection.closed_loop_due_idx`);
    await q.query(`DROP INDEX movement.events_location_person_idx`);
    await q.query(`
      CREATE OR REPLACE VIEW inspection.closed_loop_statuses AS
      SELECT c.person_id, c.status, c.test_due_by FROM inspection.closed_loop c`);
    await q.query(`DROP VIEW accreditation.accreditation_created`);
  }
}

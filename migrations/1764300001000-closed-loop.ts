import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * The closed loop's safety rules (DESIGN.md "Health", "Movement log"):
 *
 * - accreditation.accreditation_created_at(person): when the person's accreditation was
 *   created (its first history line), for the inspection service, which refuses a test
 *   sampled before it (a function: it runs before 1764300001300 on a new database, whose
 *   grants on all tables would reach a view).
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
      CREATE FUNCTION accreditation.accreditation_created_at(person uuid) RETURNS timestamptz
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        SELECT min(e.at) FROM accreditation.accreditations a
        JOIN accreditation.accreditation_events e ON e.accreditation_id = a.id
        WHERE a.person_id = accreditation_created_at.person
      $$`);
    await q.query(
      `REVOKE EXECUTE ON FUNCTION accreditation.accreditation_created_at(uuid) FROM PUBLIC`,
    );
    await q.query(
      `GRANT EXECUTE ON FUNCTION accreditation.accreditation_created_at(uuid) TO ${ins}`,
    );
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
    await q.query(`DROP FUNCTION accreditation.accreditation_created_at(uuid)`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';
import { contactTraceRunner } from './1764300003000-contact-totals-hashed.js';

const ENCOUNTERS_FUNCTION =
  'movement.contact_encounters_hashed(text, uuid, timestamptz, timestamptz, integer, integer)';

/**
 * The first contacts of a trace with their encounters, planned as the totals are
 * (migration 1764300003000): sorts disfavoured and no JIT, for that call alone. The
 * statement (MovementSql.published.contacts.firstWithEncounters) streams the window's
 * meetings into the sums, grouped by hashing, and reads only the first contacts'
 * encounters again from the person index, where the statement for every contact keeps
 * every meeting of the window for a second pass (ARCHITECTURE.md, "Speed, eleventh pass").
 * Its caller passes it and it runs with its caller's rights, as the totals' function does.
 */
export class ContactEncountersHashed1764300003200 implements MigrationInterface {
  name = 'ContactEncountersHashed1764300003200';

  async up(q: QueryRunner): Promise<void> {
    const { inspection: ins, movement: mov } = await migrationRoles(q);
    await q.query(
      contactTraceRunner(
        'contact_encounters_hashed',
        'person_id uuid, total integer, location text, f timestamptz, u timestamptz, minutes integer',
        'SET jit = off ',
      ),
    );
    await q.query(`REVOKE EXECUTE ON FUNCTION ${ENCOUNTERS_FUNCTION} FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION ${ENCOUNTERS_FUNCTION} TO ${ins}, ${mov}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${ENCOUNTERS_FUNCTION}`);
  }
}

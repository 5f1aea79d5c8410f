import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * The contact trace's totals are planned with sorts disfavoured (ARCHITECTURE.md, "Speed,
 * ninth pass"). The planner reckons the subject's places by the average place, ~100 times
 * fewer stays than a Games venue holds, so it groups a week's ~17,000 meetings by person
 * with a sort; hashing them is ~6 ms of a ~28 ms statement. `enable_sort` off for the
 * statement alone is how PostgreSQL lets one statement be planned so: a function's SET
 * clause holds while it runs and is put back when it returns, in the caller's transaction
 * or none, in one round trip. The statement's other sorts (the subject's stays in time
 * order, the answer's order) have no alternative and stay.
 *
 * The statement's text stays in libs/sql (MovementSql.published.contacts.totals), its one
 * place: the caller passes it, and EXECUTE plans it with the call's values, as a statement
 * sent alone is. The function runs with its caller's rights (SECURITY INVOKER): it lets a
 * service run nothing it could not run itself.
 */
export class ContactTotalsHashed1764300003000 implements MigrationInterface {
  name = 'ContactTotalsHashed1764300003000';

  async up(q: QueryRunner): Promise<void> {
    const { inspection: ins, movement: mov } = await migrationRoles(q);
    await q.query(contactTraceRunner('contact_totals_hashed', 'person_id uuid, total integer', ''));
    await q.query(
      `REVOKE EXECUTE ON FUNCTION movement.contact_totals_hashed(text, uuid, timestamptz, timestamptz, integer, integer) FROM PUBLIC`,
    );
    await q.query(
      `GRANT EXECUTE ON FUNCTION movement.contact_totals_hashed(text, uuid, timestamptz, timestamptz, integer, integer) TO ${ins}, ${mov}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION movement.contact_totals_hashed(text, uuid, timestamptz, timestamptz, integer, integer)`,
    );
  }
}

/**
 * A function that runs a contact trace's statement, passed by its caller, with sorts
 * disfavoured (and `settings` more) for that call alone, with its caller's rights: `name`
 * in schema movement, answering rows of `returns`.
 */
export function contactTraceRunner(name: string, returns: string, settings: string): string {
  return `
      CREATE FUNCTION movement.${name}(
        statement text, subject uuid, window_from timestamptz, window_to timestamptz,
        least_minutes integer, first_contacts integer)
      RETURNS TABLE (${returns})
      LANGUAGE plpgsql STABLE SECURITY INVOKER
      SET enable_sort = off ${settings}SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        RETURN QUERY EXECUTE statement
          USING subject, window_from, window_to, least_minutes, first_contacts;
      END $$`;
}

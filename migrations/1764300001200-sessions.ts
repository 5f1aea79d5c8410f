import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * Sessions that can end (libs/auth/session-users.ts): a user can be disabled, and
 * `session_epoch` numbers the user's current generation of sessions (a token carries the
 * epoch it was issued in; logout and disable move it on, so every earlier token is
 * refused). Every service checks each request's user through identity.session_of, the
 * owner's function granted to the three service roles; a change of a user is announced
 * on the `identity_user_changed` channel so the services drop what they cached at once.
 */
export class Sessions1764300001200 implements MigrationInterface {
  name = 'Sessions1764300001200';

  async up(q: QueryRunner): Promise<void> {
    const { accreditation: acc, inspection: ins, movement: mov } = await migrationRoles(q);
    await q.query(`
      ALTER TABLE identity.users
        ADD COLUMN disabled_at timestamptz,
        ADD COLUMN session_epoch integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION identity.session_of(user_id uuid)
      RETURNS TABLE (roles text[], disabled boolean, session_epoch integer)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        RETURN QUERY SELECT u.roles, u.disabled_at IS NOT NULL, u.session_epoch
                     FROM identity.users u WHERE u.id = session_of.user_id;
      END $$`);
    // Explicit: on a database migrated before, this runs after the default privileges were set.
    await q.query(`REVOKE EXECUTE ON FUNCTION identity.session_of(uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION identity.session_of(uuid) TO ${acc}, ${ins}, ${mov}`);
    // Runs as whoever changes the row (NOTIFY needs no privilege); executable by nobody.
    await q.query(`
      CREATE FUNCTION identity.announce_user_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        PERFORM pg_notify('identity_user_changed', OLD.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION identity.announce_user_change() FROM PUBLIC`);
    await q.query(`
      CREATE TRIGGER users_announce_change AFTER UPDATE OR DELETE ON identity.users
      FOR EACH ROW EXECUTE FUNCTION identity.announce_user_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_announce_change ON identity.users`);
    await q.query(`DROP FUNCTION identity.announce_user_change()`);
    await q.query(`DROP FUNCTION identity.session_of(uuid)`);
    await q.query(`ALTER TABLE identity.users DROP COLUMN session_epoch, DROP COLUMN disabled_at`);
  }
}

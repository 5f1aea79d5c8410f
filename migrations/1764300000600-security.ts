import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-in counters (for the login rate limit, shared by every
 * instance) and the audit trail: its own schema, append-only.
 */
export class Security1764300000600 implements MigrationInterface {
  name = 'Security1764300000600';

  async up(q: QueryRunner): Promise<void> {
    // The layout rate-limiter-flexible's PostgreSQL store expects.
    await q.query(`
      CREATE TABLE identity.login_failures (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await q.query(`CREATE SCHEMA audit`);
    await q.query(`
      CREATE TABLE audit.events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text,
        action text NOT NULL,
        person_id uuid,
        outcome text NOT NULL,
        client_address text,
        request_id text,
        service text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX audit_events_person_idx ON audit.events (person_id, at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX audit_events_time_idx ON audit.events (at DESC, id DESC)`);
    await q.query(`
      CREATE FUNCTION audit.refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON audit.events
      FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`);
    await q.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON audit.events
      FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA audit CASCADE`);
    await q.query(`DROP TABLE identity.login_failures`);
  }
}

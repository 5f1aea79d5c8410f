import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * Least privilege: each service logs in as a role of its own (libs/database/roles.ts)
 * that owns nothing and may create nothing. The owner role, which runs the migrations,
 * owns every schema. A service reads and writes its own schema's tables; what it needs
 * of another service's schema it reaches only through the owner's views (reads) and
 * SECURITY DEFINER functions (writes and locking reads) granted to it here, so the
 * schema boundary is the database's, not a convention.
 *
 * Default for tables the owner creates later (in migrations after this one):
 * - identity, accreditation: SELECT, INSERT, UPDATE, DELETE for the accreditation role;
 * - inspection: SELECT, INSERT, UPDATE, DELETE for the inspection role;
 * - movement: SELECT for the movement role (the log is written by owner functions only);
 * - audit: nothing (grant INSERT explicitly);
 * - sequences of identity/accreditation/inspection: USAGE, SELECT for their service;
 * - functions anywhere: no EXECUTE for PUBLIC (grant it to the role that needs it).
 * Nobody gets TRUNCATE, REFERENCES or TRIGGER; nobody but the owner gets CREATE.
 */
export class LeastPrivilege1764300001300 implements MigrationInterface {
  name = 'LeastPrivilege1764300001300';

  async up(q: QueryRunner): Promise<void> {
    const {
      database,
      owner,
      accreditation: acc,
      inspection: ins,
      movement: mov,
    } = await migrationRoles(q);
    const services = `${acc}, ${ins}, ${mov}`;

    // Only our roles connect, and nobody makes temporary tables.
    await q.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await q.query(`GRANT CONNECT ON DATABASE ${database} TO ${services}`);

    // Functions are executed only by those they are granted to.
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`,
    );
    await q.query(
      `REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA identity, accreditation, inspection, movement, audit FROM PUBLIC`,
    );

    // Schemas: USAGE lets a role name what is granted in them, nothing more.
    await q.query(`GRANT USAGE ON SCHEMA identity, accreditation, inspection, audit TO ${acc}`);
    await q.query(
      `GRANT USAGE ON SCHEMA inspection, accreditation, identity, movement, audit TO ${ins}`,
    );
    await q.query(`GRANT USAGE ON SCHEMA movement, accreditation, identity, audit TO ${mov}`);

    // Own schemas.
    for (const [role, schemas] of [
      [acc, 'identity, accreditation'],
      [ins, 'inspection'],
    ]) {
      await q.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schemas} TO ${role}`,
      );
      await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schemas} TO ${role}`);
      await q.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schemas}
         GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
      );
      await q.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schemas}
         GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
      );
    }
    // Histories are appended to, never changed.
    await q.query(`REVOKE UPDATE, DELETE ON accreditation.accreditation_events FROM ${acc}`);
    await q.query(`REVOKE UPDATE, DELETE ON inspection.closed_loop_history FROM ${ins}`);
    // The movement log is read by its service and written only by the owner's functions.
    await q.query(`GRANT SELECT ON ALL TABLES IN SCHEMA movement TO ${mov}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA movement GRANT SELECT ON TABLES TO ${mov}`,
    );
    // The audit trail: every service appends, only accreditation (auditTrail) reads.
    await q.query(`GRANT INSERT ON audit.events TO ${services}`);
    await q.query(`GRANT USAGE ON SEQUENCE audit.events_id_seq TO ${services}`);
    await q.query(`GRANT SELECT ON audit.events TO ${acc}`);
    // A service checks at start that the database is migrated.
    await q.query(`GRANT SELECT ON public.schema_migrations TO ${services}`);

    // Partitions ahead: DDL, so the owner's; at most a year ahead, whoever asks.
    await q.query(`
      CREATE OR REPLACE FUNCTION movement.ensure_partitions(through timestamptz) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        m timestamptz := date_trunc('month', now() - interval '1 month', 'UTC');
        name text;
        created integer := 0;
      BEGIN
        IF through > now() + interval '13 months' THEN
          RAISE EXCEPTION 'partitions are made at most a year ahead' USING ERRCODE = '22023';
        END IF;
        -- Two services starting at once must not both create the same partition.
        PERFORM pg_advisory_xact_lock(7202203);
        WHILE m <= through LOOP
          name := 'events_' || to_char(m AT TIME ZONE 'UTC', 'YYYY_MM');
          IF to_regclass('movement.' || name) IS NULL THEN
            EXECUTE format(
              'CREATE TABLE movement.%I PARTITION OF movement.events FOR VALUES FROM (%L) TO (%L)',
              name, m, (m AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC');
            created := created + 1;
          END IF;
          m := (m AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC';
        END LOOP;
        RETURN created;
      END $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION movement.ensure_partitions(timestamptz) TO ${mov}`);

    // The import folds its entries into the search indexes: only an index's owner may.
    await q.query(`
      CREATE FUNCTION accreditation.merge_search_pending_lists() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        PERFORM gin_clean_pending_list('accreditation.people_search_idx'::regclass),
                gin_clean_pending_list('accreditation.accreditations_card_number_search_idx'::regclass);
      END $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION accreditation.merge_search_pending_lists() TO ${acc}`);

    await this.identityPublished(q, acc, ins, mov);
    await this.accreditationPublished(q, ins, mov);
    await this.inspectionPublished(q, acc);
  }

  /** Identity's published side (libs/accreditation/identity-lookup.ts): API keys and emails, one at a time. */
  private async identityPublished(q: QueryRunner, acc: string, ins: string, mov: string) {
    await q.query(`
      CREATE FUNCTION identity.find_api_key(secret_hash text)
      RETURNS TABLE (id uuid, name text, scopes text[], organisation_id uuid)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        RETURN QUERY SELECT k.id, k.name, k.scopes, k.organisation_id FROM identity.api_keys k
                     WHERE k.secret_hash = find_api_key.secret_hash AND k.revoked_at IS NULL;
      END $$`);
    await q.query(
      `GRANT EXECUTE ON FUNCTION identity.find_api_key(text) TO ${acc}, ${ins}, ${mov}`,
    );
    await q.query(`
      CREATE FUNCTION identity.user_email(user_id uuid) RETURNS text
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        RETURN (SELECT u.email FROM identity.users u WHERE u.id = user_email.user_id);
      END $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION identity.user_email(uuid) TO ${mov}`);
  }

  /** Accreditation's published side (libs/accreditation/): people, cards, keys, activation. */
  private async accreditationPublished(q: QueryRunner, ins: string, mov: string) {
    await q.query(`
      CREATE VIEW accreditation.person_organisations AS
      SELECT p.id AS person_id, p.organisation_id FROM accreditation.people p`);
    await q.query(`
      CREATE VIEW accreditation.card_holders AS
      SELECT a.card_number, a.person_id, p.organisation_id
      FROM accreditation.accreditations a JOIN accreditation.people p ON p.id = a.person_id`);
    await q.query(`
      CREATE VIEW accreditation.card_verification_keys AS
      SELECT k.kid, k.public_jwk, k.created_at FROM accreditation.card_keys k
      WHERE k.retired_at IS NULL`);
    await q.query(`GRANT SELECT ON accreditation.person_organisations TO ${ins}, ${mov}`);
    await q.query(`GRANT SELECT ON accreditation.card_holders TO ${mov}`);
    await q.query(`GRANT SELECT ON accreditation.card_verification_keys TO ${ins}`);

    // A card as a gate needs it; lock_card takes the accreditation row FOR SHARE in the
    // caller's transaction (a suspension cannot slip between a decision and its commit).
    await q.query(`
      CREATE FUNCTION accreditation.find_card(wanted text, lock_card boolean)
      RETURNS TABLE (accreditation_id uuid, person_id uuid, card_number text, status text,
                     valid_from timestamptz, valid_until timestamptz, venues text[], zones text[],
                     token_version integer, document_number text, organisation_id uuid)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF lock_card THEN
          RETURN QUERY
            SELECT a.id, a.person_id, a.card_number, a.status, a.valid_from, a.valid_until,
                   a.venues, a.zones, a.token_version, p.document_number, p.organisation_id
            FROM accreditation.accreditations a JOIN accreditation.people p ON p.id = a.person_id
            WHERE a.card_number = find_card.wanted FOR SHARE OF a;
        ELSE
          RETURN QUERY
            SELECT a.id, a.person_id, a.card_number, a.status, a.valid_from, a.valid_until,
                   a.venues, a.zones, a.token_version, p.document_number, p.organisation_id
            FROM accreditation.accreditations a JOIN accreditation.people p ON p.id = a.person_id
            WHERE a.card_number = find_card.wanted;
        END IF;
      END $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION accreditation.find_card(text, boolean) TO ${ins}`);

    // Arrival: the lifecycle's one transition another service may make, APPROVED -> ACTIVE,
    // with its history row. Returns the status found (the caller refuses any other).
    await q.query(`
      CREATE FUNCTION accreditation.activate_on_arrival(accreditation_id uuid, by text)
      RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        current_status text;
      BEGIN
        SELECT a.status INTO current_status FROM accreditation.accreditations a
        WHERE a.id = activate_on_arrival.accreditation_id FOR UPDATE;
        IF current_status = 'APPROVED' THEN
          UPDATE accreditation.accreditations a SET status = 'ACTIVE', updated_at = now()
          WHERE a.id = activate_on_arrival.accreditation_id;
          INSERT INTO accreditation.accreditation_events (accreditation_id, status, reason, by)
          VALUES (activate_on_arrival.accreditation_id, 'ACTIVE', 'validated on arrival',
                  activate_on_arrival.by);
        END IF;
        RETURN current_status;
      END $$`);
    await q.query(
      `GRANT EXECUTE ON FUNCTION accreditation.activate_on_arrival(uuid, text) TO ${ins}`,
    );
  }

  /** Inspection's published side (libs/inspection/): what gates and people lists need of the closed loop. */
  private async inspectionPublished(q: QueryRunner, acc: string) {
    await q.query(`
      CREATE VIEW inspection.closed_loop_statuses AS
      SELECT c.person_id, c.status, c.test_due_by FROM inspection.closed_loop c`);
    await q.query(`GRANT SELECT ON inspection.closed_loop_statuses TO ${acc}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const {
      database,
      accreditation: acc,
      inspection: ins,
      movement: mov,
    } = await migrationRoles(q);
    await q.query(`DROP VIEW inspection.closed_loop_statuses`);
    await q.query(`DROP FUNCTION accreditation.activate_on_arrival(uuid, text)`);
    await q.query(`DROP FUNCTION accreditation.find_card(text, boolean)`);
    await q.query(`DROP VIEW accreditation.card_verification_keys`);
    await q.query(`DROP VIEW accreditation.card_holders`);
    await q.query(`DROP VIEW accreditation.person_organisations`);
    await q.query(`DROP FUNCTION identity.user_email(uuid)`);
    await q.query(`DROP FUNCTION identity.find_api_key(text)`);
    await q.query(`DROP FUNCTION accreditation.merge_search_pending_lists()`);
    for (const role of [acc, ins, mov]) {
      await q.query(`DROP OWNED BY ${role}`);
    }
    await q.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO PUBLIC`);
  }
}

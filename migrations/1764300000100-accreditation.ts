import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, people, accreditations with their history, the categories
 * of the Games and the card-signing public keys.
 */
export class Accreditation1764300000100 implements MigrationInterface {
  name = 'Accreditation1764300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE SCHEMA accreditation`);
    await q.query(`
      CREATE TABLE accreditation.organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        type text NOT NULL,
        country char(3),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE accreditation.categories (
        code text PRIMARY KEY,
        name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE accreditation.people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES accreditation.organisations (id),
        given_name text NOT NULL,
        family_name text NOT NULL,
        date_of_birth date NOT NULL,
        nationality char(3) NOT NULL,
        function text NOT NULL,
        document_number text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT people_document_per_organisation UNIQUE (organisation_id, document_number)
      )`);
    await q.query(
      `CREATE INDEX people_order_idx ON accreditation.people (family_name, given_name, id)`,
    );
    await q.query(
      `CREATE INDEX people_organisation_order_idx ON accreditation.people (organisation_id, family_name, given_name, id)`,
    );
    await q.query(`
      CREATE INDEX people_search_idx ON accreditation.people
      USING gin ((lower(given_name || ' ' || family_name || ' ' || document_number)) gin_trgm_ops)`);
    await q.query(`CREATE SEQUENCE accreditation.card_serial START 1000001 MAXVALUE 9999999`);
    await q.query(`
      CREATE TABLE accreditation.accreditations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL UNIQUE REFERENCES accreditation.people (id),
        card_number text NOT NULL UNIQUE,
        category text NOT NULL REFERENCES accreditation.categories (code),
        status text NOT NULL CHECK (status IN ('SUBMITTED','APPROVED','ACTIVE','SUSPENDED','REVOKED')),
        status_before_suspension text,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        venues text[] NOT NULL,
        zones text[] NOT NULL,
        token_version integer NOT NULL DEFAULT 0,
        card_token text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT accreditations_validity CHECK (valid_from < valid_until)
      )`);
    await q.query(
      `CREATE INDEX accreditations_status_idx ON accreditation.accreditations (status)`,
    );
    await q.query(`
      CREATE TABLE accreditation.accreditation_events (
        id bigserial PRIMARY KEY,
        accreditation_id uuid NOT NULL REFERENCES accreditation.accreditations (id),
        status text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now(),
        by text
      )`);
    await q.query(
      `CREATE INDEX accreditation_events_accreditation_idx ON accreditation.accreditation_events (accreditation_id, id)`,
    );
    await q.query(`
      CREATE TABLE accreditation.card_keys (
        kid text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    // The Games' accreditation categories (IOC/IPC practice); more can be added as data.
    await q.query(`
      INSERT INTO accreditation.categories (code, name) VALUES
        ('Aa', 'Athlete'),
        ('Ao', 'Team official'),
        ('Ap', 'Team official (additional)'),
        ('Am', 'Team medical official'),
        ('AHC', 'Head of delegation / Chef de Mission'),
        ('TF', 'Technical official'),
        ('IF', 'International Federation staff'),
        ('IOC', 'IOC member and staff'),
        ('NOC', 'NOC president or secretary general'),
        ('E', 'Press: journalist'),
        ('Es', 'Press: sport-specific journalist'),
        ('EP', 'Press: photographer'),
        ('EPs', 'Press: sport-specific photographer'),
        ('ET', 'Press: technician'),
        ('Ec', 'Press: support staff'),
        ('ENR', 'Non-rights-holding broadcaster'),
        ('RT', 'Rights-holding broadcaster: staff'),
        ('HB', 'Host broadcaster'),
        ('OF', 'Organising committee staff'),
        ('WF', 'Workforce: staff'),
        ('VF', 'Workforce: volunteer'),
        ('CF', 'Workforce: contractor'),
        ('Pf', 'Marketing partner'),
        ('G', 'Government official'),
        ('O', 'Observer'),
        ('Se', 'Security')
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA accreditation CASCADE`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Designated inspection areas, check-ins, arrivals and departures, closed-loop state and tests. */
export class Inspection1764300000200 implements MigrationInterface {
  name = 'Inspection1764300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA inspection`);
    await q.query(`
      CREATE TABLE inspection.areas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL,
        venue_code text NOT NULL,
        zone text NOT NULL,
        closed_loop boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE inspection.closed_loop (
        person_id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('OUTSIDE','IN_LOOP','CLOSE_CONTACT','ISOLATED','EXITED')),
        entered_at timestamptz,
        last_negative_test_at timestamptz,
        last_sampled_at timestamptz,
        test_due_by timestamptz,
        close_contact_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX closed_loop_status_idx ON inspection.closed_loop (status)`);
    await q.query(`
      CREATE TABLE inspection.check_ins (
        id uuid PRIMARY KEY,
        area_code text NOT NULL,
        person_id uuid,
        card_number text,
        direction text NOT NULL,
        decision text NOT NULL,
        reasons text[] NOT NULL,
        scanned_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        device_id text,
        device_decision text,
        conflict boolean NOT NULL DEFAULT false,
        fingerprint text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX check_ins_time_idx ON inspection.check_ins (scanned_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX check_ins_area_time_idx ON inspection.check_ins (area_code, scanned_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX check_ins_person_time_idx ON inspection.check_ins (person_id, scanned_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE inspection.port_events (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('ARRIVAL','DEPARTURE')),
        area_code text NOT NULL,
        person_id uuid,
        card_number text NOT NULL,
        decision text NOT NULL,
        reasons text[] NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        flight_number text,
        fingerprint text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE inspection.test_results (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        sampled_at timestamptz NOT NULL,
        result text NOT NULL CHECK (result IN ('NEGATIVE','POSITIVE')),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        fingerprint text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX test_results_person_idx ON inspection.test_results (person_id, sampled_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA inspection CASCADE`);
  }
}

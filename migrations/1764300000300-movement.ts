import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Number of hash chains the log is split into; each is appended to by one writer at a time. */
export const MOVEMENT_CHAINS = 64;

/**
 * The movement log: append-only, hash-chained, partitioned by month of
 * occurredAt. Partitions are created ahead by movement.ensure_partitions()
 * (at migration, at every service start and daily); a default partition
 * keeps anything outside them, so no event is refused.
 *
 * movement.latest is a projection, not part of the log: each person's latest
 * event in occurredAt order, kept by the same transaction that appends. It
 * answers "who is inside now" (presentAt, occupancy) with one index range.
 */
export class Movement1764300000300 implements MigrationInterface {
  name = 'Movement1764300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA movement`);
    await q.query(`
      CREATE TABLE movement.chains (
        chain smallint PRIMARY KEY,
        head_hash text NOT NULL,
        head_seq bigint NOT NULL DEFAULT 0
      )`);
    await q.query(
      `INSERT INTO movement.chains (chain, head_hash)
       SELECT g, repeat('0', 64) FROM generate_series(0, ${MOVEMENT_CHAINS - 1}) g`,
    );
    await q.query(`
      CREATE TABLE movement.events (
        id uuid NOT NULL,
        chain smallint NOT NULL,
        seq bigint NOT NULL,
        person_id uuid NOT NULL,
        location text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ENTRY','EXIT')),
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        source text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (id, occurred_at)
      ) PARTITION BY RANGE (occurred_at)`);
    await q.query(`CREATE TABLE movement.events_default PARTITION OF movement.events DEFAULT`);
    // A person's movements in time order; kind is carried so "next ENTRY" probes need no heap visit.
    await q.query(
      `CREATE INDEX events_person_time_idx ON movement.events (person_id, occurred_at, id) INCLUDE (kind)`,
    );
    // Everyone's movements at a place in time order: the contact trace's bounded self-join.
    await q.query(
      `CREATE INDEX events_location_time_idx ON movement.events (location, occurred_at, id) INCLUDE (person_id, kind, recorded_at)`,
    );
    // Unfiltered listings in time order.
    await q.query(`CREATE INDEX events_time_idx ON movement.events (occurred_at, id)`);
    // Verification walks each chain in order.
    await q.query(`CREATE INDEX events_chain_idx ON movement.events (chain, seq)`);
    // Idempotency across partitions: a primary key on a partitioned table must hold the partition key.
    await q.query(`
      CREATE TABLE movement.event_ids (
        id uuid PRIMARY KEY,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE movement.latest (
        person_id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        location text NOT NULL,
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX latest_inside_idx ON movement.latest (location, occurred_at, person_id) WHERE kind = 'ENTRY'`,
    );
    await q.query(`
      CREATE FUNCTION movement.ensure_partitions(through timestamptz) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        m timestamptz := date_trunc('month', now() - interval '1 month', 'UTC');
        name text;
        created integer := 0;
      BEGIN
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
    await q.query(`SELECT movement.ensure_partitions(now() + interval '3 months')`);
    // Append-only, enforced by the database as well as by the absence of any update path.
    // Row triggers on the partitioned table are cloned onto every partition, present and future.
    await q.query(`
      CREATE FUNCTION movement.refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'movement events are append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON movement.events
      FOR EACH ROW EXECUTE FUNCTION movement.refuse_change()`);
    await q.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON movement.events
      FOR EACH STATEMENT EXECUTE FUNCTION movement.refuse_change()`);
    await q.query(`
      CREATE TRIGGER event_ids_append_only BEFORE UPDATE OR DELETE ON movement.event_ids
      FOR EACH ROW EXECUTE FUNCTION movement.refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA movement CASCADE`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * The movement log's published sides, as the owner's (libs/movement/):
 *
 * - movement.append_events(...): the only way into the log. It claims the ids (a replay
 *   is skipped), locks the heads of the chains it touches in ascending order, takes
 *   recordedAt, hashes each event onto its chain in SQL, inserts, moves the heads and
 *   keeps movement.latest, in the caller's transaction: a check-in and its ENTRY commit
 *   together, and the caller can no more choose a hash than rewrite one. The canonical
 *   content is byte for byte what libs/movement/chain.ts canonicalContent() builds
 *   (to_json() escapes strings exactly as JSON.stringify does; timestamps are kept and
 *   hashed to the millisecond), so the JavaScript verifier recomputes every hash.
 * - movement.chain_of(location): chainOf() of chain.ts (byte 3 of SHA-256, mod 64).
 * - movement.movements, movement.presence: what other services read of the log.
 */
export class MovementAppend1764300001301 implements MigrationInterface {
  name = 'MovementAppend1764300001301';

  async up(q: QueryRunner): Promise<void> {
    const { inspection: ins, movement: mov } = await migrationRoles(q);

    await q.query(`
      CREATE FUNCTION movement.chain_of(location text) RETURNS smallint
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN (get_byte(sha256(convert_to(location, 'UTF8')), 3) % 64)::smallint`);

    await q.query(`
      CREATE FUNCTION movement.append_events(
        ids uuid[], person_ids uuid[], locations text[], kinds text[],
        occurred_ats timestamptz[], sources text[])
      RETURNS TABLE (id uuid, chain smallint, seq bigint, recorded_at timestamptz, hash text)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        claimed uuid[];
        recorded timestamptz;
        recorded_text text;
        r record;
        current_chain smallint := -1;
        last_hash text;
        next_seq bigint;
        event_hash text;
        new_ids uuid[] := '{}';
        new_chains smallint[] := '{}';
        new_seqs bigint[] := '{}';
        new_people uuid[] := '{}';
        new_locations text[] := '{}';
        new_kinds text[] := '{}';
        new_times timestamptz[] := '{}';
        new_sources text[] := '{}';
        new_previous text[] := '{}';
        new_hashes text[] := '{}';
        head_chains smallint[] := '{}';
        head_hashes text[] := '{}';
        head_seqs bigint[] := '{}';
      BEGIN
        IF cardinality(ids) IS DISTINCT FROM cardinality(person_ids)
           OR cardinality(ids) IS DISTINCT FROM cardinality(locations)
           OR cardinality(ids) IS DISTINCT FROM cardinality(kinds)
           OR cardinality(ids) IS DISTINCT FROM cardinality(occurred_ats)
           OR cardinality(ids) IS DISTINCT FROM cardinality(sources) THEN
          RAISE EXCEPTION 'append_events: the arrays differ in length' USING ERRCODE = '22023';
        END IF;

        -- 1. Claim the ids (the first of an id given twice); a stored id is a replay, skipped.
        --    A concurrent writer of the same id waits on the unique index, then sees it taken.
        WITH fresh AS (
          INSERT INTO movement.event_ids AS i (id, occurred_at)
          SELECT u.id, date_trunc('milliseconds', u.at)
          FROM unnest(ids, occurred_ats) WITH ORDINALITY AS u(id, at, ord)
          ORDER BY u.ord
          ON CONFLICT DO NOTHING
          RETURNING i.id)
        SELECT coalesce(array_agg(fresh.id), '{}') INTO claimed FROM fresh;
        IF cardinality(claimed) = 0 THEN
          RETURN;
        END IF;

        -- 2. Lock the heads of the chains the events go to, in ascending order, so two
        --    writers never deadlock; recordedAt is read once they are held, so it never
        --    goes back along a chain.
        PERFORM 1 FROM movement.chains c
        WHERE c.chain IN (SELECT movement.chain_of(u.location)
                          FROM unnest(ids, locations) AS u(id, location)
                          WHERE u.id = ANY (claimed))
        ORDER BY c.chain FOR UPDATE;
        recorded := date_trunc('milliseconds', clock_timestamp());
        recorded_text := to_char(recorded AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

        -- 3. Hash each event onto its chain, in the order given within a chain.
        FOR r IN
          SELECT * FROM (
            SELECT DISTINCT ON (u.id) u.id, u.person_id, u.location, u.kind,
                   date_trunc('milliseconds', u.at) AS at, u.source, u.ord,
                   movement.chain_of(u.location) AS chain
            FROM unnest(ids, person_ids, locations, kinds, occurred_ats, sources)
                 WITH ORDINALITY AS u(id, person_id, location, kind, at, source, ord)
            WHERE u.id = ANY (claimed)
            ORDER BY u.id, u.ord) e
          ORDER BY e.chain, e.ord
        LOOP
          IF r.chain <> current_chain THEN
            IF current_chain >= 0 THEN
              head_chains := array_append(head_chains, current_chain);
              head_hashes := array_append(head_hashes, last_hash);
              head_seqs := array_append(head_seqs, next_seq);
            END IF;
            SELECT c.head_hash, c.head_seq INTO last_hash, next_seq
            FROM movement.chains c WHERE c.chain = r.chain;
            current_chain := r.chain;
          END IF;
          next_seq := next_seq + 1;
          -- The canonical content of libs/movement/chain.ts, keys in RFC 8785 order.
          event_hash := encode(sha256(convert_to(
            last_hash || E'\\n'
              || '{"chain":' || r.chain
              || ',"id":"' || r.id
              || '","kind":' || to_json(r.kind)::text
              || ',"location":' || to_json(r.location)::text
              || ',"occurredAt":"' || to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
              || '","personId":"' || r.person_id
              || '","recordedAt":"' || recorded_text
              || '","seq":' || next_seq
              || ',"source":' || to_json(r.source)::text
              || '}', 'UTF8')), 'hex');
          new_ids := array_append(new_ids, r.id);
          new_chains := array_append(new_chains, r.chain);
          new_seqs := array_append(new_seqs, next_seq);
          new_people := array_append(new_people, r.person_id);
          new_locations := array_append(new_locations, r.location);
          new_kinds := array_append(new_kinds, r.kind);
          new_times := array_append(new_times, r.at);
          new_sources := array_append(new_sources, r.source);
          new_previous := array_append(new_previous, last_hash);
          new_hashes := array_append(new_hashes, event_hash);
          last_hash := event_hash;
        END LOOP;
        head_chains := array_append(head_chains, current_chain);
        head_hashes := array_append(head_hashes, last_hash);
        head_seqs := array_append(head_seqs, next_seq);

        -- 4. Write the events, move the heads, keep each person's latest event (newer only).
        INSERT INTO movement.events
          (id, chain, seq, person_id, location, kind, occurred_at, recorded_at, source, prev_hash, hash)
        SELECT e.id, e.chain, e.seq, e.person_id, e.location, e.kind, e.at, recorded, e.source,
               e.prev_hash, e.hash
        FROM unnest(new_ids, new_chains, new_seqs, new_people, new_locations, new_kinds, new_times,
                    new_sources, new_previous, new_hashes)
          AS e(id, chain, seq, person_id, location, kind, at, source, prev_hash, hash);
        INSERT INTO movement.latest AS l (person_id, event_id, location, kind, occurred_at, recorded_at)
        SELECT DISTINCT ON (u.person_id) u.person_id, u.event_id, u.location, u.kind, u.at, recorded
        FROM unnest(new_people, new_ids, new_locations, new_kinds, new_times)
          AS u(person_id, event_id, location, kind, at)
        ORDER BY u.person_id, u.at DESC, u.event_id DESC
        ON CONFLICT (person_id) DO UPDATE
          SET event_id = excluded.event_id, location = excluded.location, kind = excluded.kind,
              occurred_at = excluded.occurred_at, recorded_at = excluded.recorded_at
          WHERE (excluded.occurred_at, excluded.recorded_at, excluded.event_id)
              > (l.occurred_at, l.recorded_at, l.event_id);
        UPDATE movement.chains c SET head_hash = h.hash, head_seq = h.seq
        FROM unnest(head_chains, head_hashes, head_seqs) AS h(chain, hash, seq)
        WHERE c.chain = h.chain;

        RETURN QUERY
          SELECT e.id, e.chain, e.seq, recorded, e.hash
          FROM unnest(new_ids, new_chains, new_seqs, new_hashes) AS e(id, chain, seq, hash);
      END $$`);
    await q.query(`
      GRANT EXECUTE ON FUNCTION
        movement.append_events(uuid[], uuid[], text[], text[], timestamptz[], text[])
      TO ${ins}, ${mov}`);

    // What the inspection service reads of the log: movements (last movement at a gate,
    // contacts) and who is inside where (occupancy). Hashes and chains stay the log's own.
    await q.query(`
      CREATE VIEW movement.movements AS
      SELECT e.id, e.person_id, e.location, e.kind, e.occurred_at, e.recorded_at
      FROM movement.events e`);
    await q.query(`
      CREATE VIEW movement.presence AS
      SELECT l.person_id, l.location, l.occurred_at AS since
      FROM movement.latest l WHERE l.kind = 'ENTRY'`);
    await q.query(`GRANT SELECT ON movement.movements, movement.presence TO ${ins}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW movement.presence`);
    await q.query(`DROP VIEW movement.movements`);
    await q.query(
      `DROP FUNCTION movement.append_events(uuid[], uuid[], text[], text[], timestamptz[], text[])`,
    );
    await q.query(`DROP FUNCTION movement.chain_of(text)`);
  }
}

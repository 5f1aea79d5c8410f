import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The log's indexes for the append path, and append_events probing them once per event.
 *
 * The stays upkeep probes a person's later events at a place (and later ENTRYs) for every
 * event that is not after all the person's earlier ones; without the place in the person index the planner walked everyone's later events
 * at the place (the location index, filtered by person), thousands of entries at a busy
 * venue for every probe. The person index now carries what the probes read (kind, place,
 * recorded_at), so each probe is a few index entries of one person.
 *
 * The location index no longer carries person, kind and recorded_at: contacts read the
 * stays (migration 1764300002000), and what is left on the log by place, movements(location)
 * in time order, reads the rows anyway. Smaller entries, cheaper on every append.
 *
 * append_events is the one of migration 1764300002000 (same contract, same hashes, same
 * stays) but for the end of a late ENTRY's stay row: the person's first later event at the
 * place and their first later ENTRY were two probes, they are one now (the first later
 * event that is either), which only the person index can answer.
 */
export class MovementIngestIndexes1764300002400 implements MigrationInterface {
  name = 'MovementIngestIndexes1764300002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX events_person_probe_idx ON movement.events (person_id, occurred_at, id)
         INCLUDE (kind, location, recorded_at)`,
    );
    await q.query(`DROP INDEX movement.events_person_time_idx`);
    await q.query(`ALTER INDEX movement.events_person_probe_idx RENAME TO events_person_time_idx`);
    await q.query(`DROP INDEX movement.events_location_time_idx`);
    await q.query(
      `CREATE INDEX events_location_time_idx ON movement.events (location, occurred_at, id)`,
    );
    await q.query(APPEND_EVENTS);
  }

  async down(q: QueryRunner): Promise<void> {
    // The previous append_events comes back with migration 1764300002000 run again.
    await q.query(`DROP INDEX movement.events_location_time_idx`);
    await q.query(
      `CREATE INDEX events_location_time_idx ON movement.events (location, occurred_at, id)
         INCLUDE (person_id, kind, recorded_at)`,
    );
    await q.query(`DROP INDEX movement.events_person_time_idx`);
    await q.query(
      `CREATE INDEX events_person_time_idx ON movement.events (person_id, occurred_at, id) INCLUDE (kind)`,
    );
  }
}

/** append_events as this migration leaves it (migration 1764300002900 changes one statement). */
export const APPEND_EVENTS = `
      CREATE OR REPLACE FUNCTION movement.append_events(
        ids uuid[], person_ids uuid[], locations text[], kinds text[],
        occurred_ats timestamptz[], sources text[])
      RETURNS TABLE (id uuid, chain smallint, seq bigint, recorded_at timestamptz, hash text)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        recorded timestamptz;
        recorded_text text;
        touched smallint[];
        e_ids uuid[];
        e_chains smallint[];
        e_people uuid[];
        e_locations text[];
        e_kinds text[];
        e_times timestamptz[];
        e_sources text[];
        e_seqs bigint[];
        e_canonical text[];
        e_heads text[];
        e_previous text[];
        e_hashes text[];
        before_people uuid[];
        before_times timestamptz[];
        before_recorded timestamptz[];
        before_ids uuid[];
        n integer;
        h text;
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
        --    The claimed events come back ordered by chain, then as given.
        WITH given AS (
          SELECT DISTINCT ON (u.id) u.id, u.person_id, u.location, u.kind,
                 date_trunc('milliseconds', u.at) AS at, u.source, u.ord,
                 movement.chain_of(u.location) AS chain
          FROM unnest(ids, person_ids, locations, kinds, occurred_ats, sources)
               WITH ORDINALITY AS u(id, person_id, location, kind, at, source, ord)
          ORDER BY u.id, u.ord),
        fresh AS (
          INSERT INTO movement.event_ids AS i (id, occurred_at)
          SELECT g.id, g.at FROM given g ORDER BY g.ord
          ON CONFLICT DO NOTHING
          RETURNING i.id)
        SELECT array_agg(g.id ORDER BY g.chain, g.ord), array_agg(g.chain ORDER BY g.chain, g.ord),
               array_agg(g.person_id ORDER BY g.chain, g.ord),
               array_agg(g.location ORDER BY g.chain, g.ord),
               array_agg(g.kind ORDER BY g.chain, g.ord), array_agg(g.at ORDER BY g.chain, g.ord),
               array_agg(g.source ORDER BY g.chain, g.ord),
               array_agg(DISTINCT g.chain)
        INTO e_ids, e_chains, e_people, e_locations, e_kinds, e_times, e_sources, touched
        FROM given g JOIN fresh f ON f.id = g.id;
        n := coalesce(cardinality(e_ids), 0);
        IF n = 0 THEN
          RETURN;
        END IF;

        -- 2. Lock the heads of the chains the events go to, in ascending order, so two
        --    writers never deadlock; recordedAt is read once they are held, so it never
        --    goes back along a chain.
        PERFORM 1 FROM movement.chains c WHERE c.chain = ANY (touched) ORDER BY c.chain FOR UPDATE;
        recorded := date_trunc('milliseconds', clock_timestamp());
        recorded_text := to_char(recorded AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

        -- 3. Each event's seq and canonical content (libs/movement/chain.ts, keys in RFC 8785
        --    order), the whole batch at once; then the hashes, each chain from its head.
        SELECT array_agg(x.seq ORDER BY x.pos),
               array_agg(
                 '{"chain":' || x.chain
                 || ',"id":"' || x.id
                 || '","kind":' || to_json(x.kind)::text
                 || ',"location":' || to_json(x.location)::text
                 || ',"occurredAt":"' || to_char(x.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                 || '","personId":"' || x.person_id
                 || '","recordedAt":"' || recorded_text
                 || '","seq":' || x.seq
                 || ',"source":' || to_json(x.source)::text
                 || '}' ORDER BY x.pos),
               array_agg(CASE WHEN x.seq = x.head_seq + 1 THEN x.head_hash END ORDER BY x.pos)
        INTO e_seqs, e_canonical, e_heads
        FROM (
          SELECT u.*, c.head_hash, c.head_seq,
                 c.head_seq + row_number() OVER (PARTITION BY u.chain ORDER BY u.pos) AS seq
          FROM unnest(e_ids, e_chains, e_people, e_locations, e_kinds, e_times, e_sources)
               WITH ORDINALITY AS u(id, chain, person_id, location, kind, at, source, pos)
          JOIN movement.chains c ON c.chain = u.chain) x;
        e_previous := array_fill(NULL::text, ARRAY[n]);
        e_hashes := array_fill(NULL::text, ARRAY[n]);
        FOR i IN 1 .. n LOOP
          IF e_heads[i] IS NOT NULL THEN
            h := e_heads[i];
          END IF;
          e_previous[i] := h;
          h := encode(sha256(convert_to(h || E'\\n' || e_canonical[i], 'UTF8')), 'hex');
          e_hashes[i] := h;
        END LOOP;

        -- 4. Write the events, move the heads, keep each person's latest event (newer only).
        INSERT INTO movement.events
          (id, chain, seq, person_id, location, kind, occurred_at, recorded_at, source, prev_hash, hash)
        SELECT e.id, e.chain, e.seq, e.person_id, e.location, e.kind, e.at, recorded, e.source,
               e.prev_hash, e.hash
        FROM unnest(e_ids, e_chains, e_seqs, e_people, e_locations, e_kinds, e_times,
                    e_sources, e_previous, e_hashes)
          AS e(id, chain, seq, person_id, location, kind, at, source, prev_hash, hash);
        UPDATE movement.chains c SET head_hash = h2.hash, head_seq = h2.seq
        FROM (SELECT DISTINCT ON (u.chain) u.chain, u.seq, u.hash
              FROM unnest(e_chains, e_seqs, e_hashes) AS u(chain, seq, hash)
              ORDER BY u.chain, u.seq DESC) h2
        WHERE c.chain = h2.chain;
        -- Every person row is locked here, in person order: the stays below are kept by one
        -- transaction at a time per person. Their latest event until now (read once locked,
        -- so it is the committed one) tells which new events come after all of theirs.
        SELECT coalesce(array_agg(l.person_id), '{}'), coalesce(array_agg(l.occurred_at), '{}'),
               coalesce(array_agg(l.recorded_at), '{}'), coalesce(array_agg(l.event_id), '{}')
        INTO before_people, before_times, before_recorded, before_ids
        FROM (SELECT l.person_id, l.occurred_at, l.recorded_at, l.event_id FROM movement.latest l
              WHERE l.person_id = ANY (e_people) ORDER BY l.person_id FOR UPDATE) l;
        INSERT INTO movement.latest AS l (person_id, event_id, location, kind, occurred_at, recorded_at)
        SELECT DISTINCT ON (u.person_id) u.person_id, u.event_id, u.location, u.kind, u.at, recorded
        FROM unnest(e_people, e_ids, e_locations, e_kinds, e_times)
          AS u(person_id, event_id, location, kind, at)
        ORDER BY u.person_id, u.at DESC, u.event_id DESC
        ON CONFLICT (person_id) DO UPDATE
          SET event_id = excluded.event_id, location = excluded.location, kind = excluded.kind,
              occurred_at = excluded.occurred_at, recorded_at = excluded.recorded_at
          WHERE (excluded.occurred_at, excluded.recorded_at, excluded.event_id)
              > (l.occurred_at, l.recorded_at, l.event_id);

        -- 5. The stays. A new event ends the person's last earlier stay row sooner when it is
        --    at that row's place or is an ENTRY (the rows of this batch are not there yet).
        UPDATE movement.stays s SET ended_at = cut.at
        FROM (
          SELECT last.entry_id, min(f.at) AS at
          FROM unnest(e_ids, e_people, e_locations, e_kinds, e_times)
                 AS f(id, person_id, location, kind, at)
          CROSS JOIN LATERAL (
            SELECT p.entry_id, p.location, p.ended_at FROM movement.stays p
            WHERE p.person_id = f.person_id
              AND (p.started_at, p.start_recorded_at, p.entry_id) < (f.at, recorded, f.id)
            ORDER BY p.started_at DESC, p.start_recorded_at DESC, p.entry_id DESC
            LIMIT 1) last
          WHERE (last.location = f.location OR f.kind = 'ENTRY')
            AND (last.ended_at IS NULL OR last.ended_at > f.at)
          GROUP BY last.entry_id) cut
        WHERE s.entry_id = cut.entry_id;
        --    Each new ENTRY begins a row, ended by the person's first later event at that place
        --    or first later ENTRY, in the log (which holds this batch now): one probe of the
        --    person's index for both, which carries the place and the kind.
        --    For an event after all the person's earlier ones (the usual case) those are in
        --    this batch, whose events share recordedAt: read from it, not probed in the log.
        INSERT INTO movement.stays (entry_id, person_id, location, started_at, start_recorded_at, ended_at)
        SELECT f.id, f.person_id, f.location, f.at, recorded,
               CASE WHEN f.after_all THEN least(f.next_here, f.next_entry) ELSE later.at END
        FROM (
          SELECT b.*,
                 b2.person_id IS NOT NULL
                   AND (b.at, recorded, b.id) > (b2.at, b2.rec, b2.id) AS after_all,
                 lead(b.at) OVER (PARTITION BY b.person_id, b.location ORDER BY b.at, b.id) AS next_here,
                 min(b.at) FILTER (WHERE b.kind = 'ENTRY') OVER (
                   PARTITION BY b.person_id ORDER BY b.at, b.id
                   ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_entry
          FROM unnest(e_ids, e_people, e_locations, e_kinds, e_times)
                 AS b(id, person_id, location, kind, at)
          LEFT JOIN unnest(before_people, before_times, before_recorded, before_ids)
                 AS b2(person_id, at, rec, id) ON b2.person_id = b.person_id) f
        LEFT JOIN LATERAL (
          SELECT e.occurred_at AS at FROM movement.events e
          WHERE NOT f.after_all
            AND e.person_id = f.person_id AND e.occurred_at >= f.at
            AND (e.location = f.location OR e.kind = 'ENTRY')
            AND (e.occurred_at, e.recorded_at, e.id) > (f.at, recorded, f.id)
          ORDER BY e.occurred_at LIMIT 1) later ON true
        WHERE f.kind = 'ENTRY';

        RETURN QUERY
          SELECT e.id, e.chain, e.seq, recorded, e.hash
          FROM unnest(e_ids, e_chains, e_seqs, e_hashes) AS e(id, chain, seq, hash);
      END $$`;

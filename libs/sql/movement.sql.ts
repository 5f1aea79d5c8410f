import { personScopeCondition } from '#libs/sql/accreditation.sql.js';

/**
 * The movement schema's statements (the movement service owns it): what the service runs
 * on the log, its chains, stays and checkpoints, and its published side, the functions and
 * views through which the inspection service appends to the log and reads presence,
 * movements and contacts. Parameters are numbered as each comment says.
 * test/database/sql-modules.service-spec.ts prepares every one on a migrated database.
 */

/**
 * The owner's view of the log's movements (id, person_id, location, kind, occurred_at,
 * recorded_at), readable by the inspection service (annulments).
 */
export const MOVEMENTS_VIEW = 'movement.movements';

/** Timestamps read as text in the exact form an event's hash covers (toISOString()). */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The presence rows of location $1, confined to organisation $2's people when not null. */
const PRESENCE_FILTER = `l.location = $1
       AND ($2::uuid IS NULL OR ${personScopeCondition('l.person_id', '$2::uuid')})`;

/** Whole minutes of an interval (date_part's double: exact to the millisecond times keep). */
function wholeMinutes(interval: string): string {
  return `floor(date_part('epoch', ${interval}) / 60)`;
}

/**
 * A meeting: another person's row `o` overlapping one of the subject's stays `p` at its
 * place, clipped to that stay ([f, u)). `MEETING` is its columns, `MEETS` the overlap.
 */
const MEETING = `p.stay, p.location, o.person_id, greatest(o.started_at, p.a) AS f,
         least(coalesce(o.ended_at, 'infinity'), p.b) AS u`;
const MEETS = `greatest(o.started_at, p.a) < least(coalesce(o.ended_at, 'infinity'), p.b)`;

/**
 * The meetings of the people `persons` (a query of person_id) with the subject's stays,
 * as contactSteps' `meetings` has them (stay, location, person_id, f, u), worked out again
 * from the person index: each person's rows overlapping the window, joined to the subject's
 * stays at the same place. For the few people whose overlaps may touch, and for the first
 * contacts whose encounters are asked, this reads a few dozen rows each instead of keeping
 * every meeting of a week for a second pass.
 */
function meetingsOf(persons: string): string {
  return `(
    SELECT ${MEETING}
    FROM (${persons}) w
    CROSS JOIN LATERAL (
      SELECT s.person_id, s.location, s.started_at, s.ended_at FROM movement.stays s
      WHERE s.person_id = w.person_id AND s.started_at < $3::timestamptz
        AND (s.ended_at IS NULL OR s.ended_at > $2::timestamptz)) o
    JOIN subject p ON p.location = o.location
    WHERE ${MEETS})`;
}

/**
 * The encounters in `meetings` (a FROM item of meetings' columns): each person's overlaps
 * with one stay, merged where they touch (a run starts where the one before ends elsewhere).
 */
function encountersOf(meetings: string): string {
  return `(
    SELECT i.person_id, i.location, min(i.f) AS f, max(i.u) AS u,
           ${wholeMinutes('max(i.u) - min(i.f)')}::int AS minutes
    FROM (SELECT r.*, count(*) FILTER (WHERE r.starts) OVER (
                        PARTITION BY r.person_id, r.stay ORDER BY r.f ROWS UNBOUNDED PRECEDING) AS island
          FROM (SELECT m.*, lag(m.u) OVER (PARTITION BY m.person_id, m.stay ORDER BY m.f)
                              IS DISTINCT FROM m.f AS starts
                FROM ${meetings} m) r) i
    GROUP BY i.person_id, i.stay, i.location, i.island)`;
}

/**
 * The contact trace, in one statement (see ARCHITECTURE.md "Movement log"), over
 * movement.stays, which the appending transaction keeps (migration 1764300002000): one row
 * per ENTRY, the stretch it begins, whose union per person is exactly their stays. There
 * is no look-back limit: a stay counts however long ago it began. $1 the subject, $2 and
 * $3 the window [from, to), $4 the least minutes in total, $5 how many contacts (null: all).
 *
 * 1. subject: the subject's rows overlapping the window, clipped to [from, to) (person
 *    index), those that touch end to start at one place merged, each numbered (`stay`).
 * 2. meetings: for each of those stays and each class of stay length, everyone else's rows
 *    at that place that overlap it: one range of the (location, span_class, started_at)
 *    index, from its start less the class's longest stay to its end (the last class, open
 *    and very long stays, has no lower bound and holds few rows per place). `meetings`
 *    says whether these rows are streamed into the sums (the totals alone read them once:
 *    a week's ~17,000 meetings kept in a tuplestore were ~40 % of the statement) or kept
 *    for a second pass (the answer with every contact's encounters reads them from there:
 *    looking thousands of contacts up again in the person index costs more).
 * 3. Encounters are the overlaps merged where they touch (gaps and islands), floored to
 *    whole minutes, and a contact's total is the sum of its encounters' minutes. One
 *    person's rows never overlap one another (each ends by the next ENTRY), nor do the
 *    subject's stays, and those stays no longer touch at one place: so the overlaps of a
 *    person with two different stays never touch, and only two overlaps of one person with
 *    the same stay can (a double scan, or out and back in). `quick` sums everyone's overlaps
 *    as they are in one pass, with a bit per stay met; where a person has fewer bits than
 *    overlaps (two overlaps with one stay, or two stays on one bit), their islands are
 *    worked out exactly, a sort and a window over their few rows alone (their meetings read
 *    again from the person index: meetingsOf). Summing first and sorting only the few is
 *    what keeps a week at a Games venue (thousands of contacts, tens of thousands of
 *    overlaps) to a few milliseconds.
 * 4. totals: the contacts with at least minMinutes, most minutes first, the first `first`
 *    of them when asked (the rule, minMinutes included, is the same either way).
 *
 * Three answers share these steps: the totals alone, which is what most readers ask for
 * and a few bytes per contact; the first contacts with their encounters, each contact's
 * read again from the person index; and every contact with their encounters, read from the
 * meetings kept, which can run to a hundred thousand rows for a week at a Games' venues.
 */
function contactSteps(meetings: 'streamed' | 'kept'): string {
  return `
WITH subject_rows AS (
  SELECT p.location, p.a, p.b,
         (lag(p.b) OVER w, lag(p.location) OVER w) IS DISTINCT FROM (p.a, p.location) AS starts
  FROM (
    SELECT s.location, greatest(s.started_at, $2::timestamptz) AS a,
           least(coalesce(s.ended_at, 'infinity'), $3::timestamptz) AS b
    FROM movement.stays s
    WHERE s.person_id = $1 AND s.started_at < $3 AND (s.ended_at IS NULL OR s.ended_at > $2)) p
  WHERE p.a < p.b
  WINDOW w AS (ORDER BY p.a)
),
subject AS MATERIALIZED (
  SELECT r.stay, min(r.location) AS location, min(r.a) AS a, max(r.b) AS b
  FROM (SELECT r.*, count(*) FILTER (WHERE r.starts) OVER (ORDER BY r.a ROWS UNBOUNDED PRECEDING) AS stay
        FROM subject_rows r) r
  GROUP BY r.stay
),
meetings AS ${meetings === 'kept' ? 'MATERIALIZED ' : ''}(
  SELECT ${MEETING}
  FROM subject p
  CROSS JOIN movement.stay_span_classes k
  CROSS JOIN LATERAL (
    SELECT s.person_id, s.started_at, s.ended_at FROM movement.stays s
    WHERE s.location = p.location AND s.span_class = k.class
      AND s.started_at < p.b AND s.started_at >= coalesce(p.a - k.longest, '-infinity')
      AND (s.ended_at IS NULL OR s.ended_at > p.a)
      AND s.person_id <> $1
    -- Kept a subquery (not flattened into a join), so each class is its own index range.
    OFFSET 0
  ) o
  WHERE ${MEETS}
),
quick AS (
  SELECT m.person_id, sum(${wholeMinutes('m.u - m.f')}) AS total, count(*) AS overlap_count,
         bit_or(1::bigint << (m.stay % 64)::int) AS stays_met
  FROM meetings m GROUP BY m.person_id
),
totals AS (
  SELECT q.person_id, x.total
  FROM quick q
  -- The exact sum only where overlaps may touch: a subplan run for those few people alone.
  CROSS JOIN LATERAL (SELECT CASE WHEN bit_count(q.stays_met::bit(64)) < q.overlap_count
      THEN (SELECT sum(e.minutes) FROM ${encountersOf(meetingsOf('SELECT q.person_id'))} e)
      ELSE q.total END::int AS total) x
  WHERE x.total >= $4
  ORDER BY x.total DESC, q.person_id LIMIT $5
)`;
}

export const MovementSql = {
  events: {
    /** The events whose ids are $1 (uuid[]), found through the id index of the partitions. */
    byIds: `SELECT e.id, e.person_id, e.location, e.kind, e.occurred_at, e.recorded_at, e.source, e.hash
       FROM movement.event_ids i
       JOIN movement.events e ON e.id = i.id AND e.occurred_at = i.occurred_at
       WHERE i.id = ANY($1::uuid[])`,
  },

  stays: {
    /** Person $1's stay rows that began before $2, in time order (then recording order). */
    ofPersonBefore: `SELECT location, started_at, ended_at FROM movement.stays
         WHERE person_id = $1 AND started_at < $2
         ORDER BY started_at, start_recorded_at, entry_id`,
  },

  chains: {
    /** Every chain's head. */
    heads: `SELECT c.chain, c.head_hash, c.head_seq::text AS head_seq FROM movement.chains c ORDER BY c.chain`,
    /**
     * A keyset batch of the chains' events after ($1 chain, $2 seq), at most $3, with
     * their times as the text the hash covers.
     */
    eventsAfter: `SELECT e.id, e.chain, e.seq::text AS seq, e.person_id, e.location, e.kind,
            to_char(e.occurred_at AT TIME ZONE 'UTC', ${ISO}) AS occurred_at,
            to_char(e.recorded_at AT TIME ZONE 'UTC', ${ISO}) AS recorded_at,
            e.source, e.prev_hash, e.hash
     FROM movement.events e
     WHERE (e.chain, e.seq) > ($1::smallint, $2::bigint)
     ORDER BY e.chain, e.seq
     LIMIT $3`,
  },

  checkpoints: {
    /** Every checkpoint, oldest first. */
    all: `SELECT id::text AS id, payload, key_id, signature FROM movement.checkpoints ORDER BY id`,
    /**
     * The heads of every chain, the time and the latest checkpoint's payload, in one
     * snapshot (every head names a committed event).
     */
    state: `SELECT date_trunc('milliseconds', clock_timestamp()) AS taken_at,
            (SELECT json_agg(json_build_array(c.chain, c.head_seq::text, c.head_hash) ORDER BY c.chain)
             FROM movement.chains c) AS heads,
            (SELECT k.payload FROM movement.checkpoints k ORDER BY k.id DESC LIMIT 1) AS last`,
    /** $1 taken at, $2 payload, $3 key id, $4 signature. */
    insert: `INSERT INTO movement.checkpoints (taken_at, payload, key_id, signature)
     VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
  },

  presence: {
    /** How many are inside location $1 now, of organisation $2's people when not null. */
    count: `SELECT count(*)::int AS total FROM movement.presence l
     WHERE ${PRESENCE_FILTER}`,
  },

  /**
   * The published side: the owner's functions and views, granted by name to the inspection
   * service, which runs these inside its own transactions.
   */
  published: {
    /**
     * Appends a batch through movement.append_events (migration 1764300001301), one array
     * literal per field: $1 ids, $2 people, $3 locations, $4 kinds, $5 occurred at,
     * $6 sources. Ids already stored are skipped; each row appended comes back with its
     * chain, seq, recorded_at and hash.
     */
    appendEvents: `SELECT * FROM movement.append_events($1::uuid[], $2::uuid[], $3::text[], $4::text[],
                                            $5::timestamptz[], $6::text[])`,
    /** Person $1's latest movement at location $2, in occurredAt order (then recording order). */
    lastMovementAt: `SELECT kind, occurred_at FROM ${MOVEMENTS_VIEW}
     WHERE person_id = $1 AND location = $2 ORDER BY occurred_at DESC, recorded_at DESC, id DESC LIMIT 1`,
    /**
     * Creates the log's monthly partitions through $1 (null: now + $2, an interval);
     * the number created.
     */
    ensurePartitions: `SELECT movement.ensure_partitions(coalesce($1::timestamptz, now() + $2::interval)) AS created`,
    /** How many are inside each location of $1 (text[]) now, of organisation $2's people when not null. */
    occupancy: `SELECT l.location, count(*)::int AS inside FROM movement.presence l
     WHERE l.location = ANY($1::text[])
       AND ($2::uuid IS NULL OR ${personScopeCondition('l.person_id', '$2::uuid')})
     GROUP BY l.location`,
    contacts: {
      /** The contacts' totals alone, in answer order (parameters as contactSteps says). */
      totals: `${contactSteps('streamed')}
SELECT person_id, total FROM totals ORDER BY total DESC, person_id`,
      /**
       * The contacts with their encounters, in person order: the caller puts the answer in
       * order, faster than a sort of a hundred thousand rows in the database, which would
       * spill to disk.
       */
      encounters: `${contactSteps('kept')}
SELECT t.person_id, t.total, e.location, e.f, e.u, e.minutes
FROM totals t
JOIN ${encountersOf('(SELECT * FROM meetings WHERE person_id IN (SELECT person_id FROM totals))')} e
  USING (person_id)
ORDER BY t.person_id`,
      /**
       * The first contacts with their encounters, in no order (the caller orders them): the
       * totals streamed as `totals` has them, then each of those contacts' encounters worked
       * out again from the person index (meetingsOf), a few dozen rows each, instead of
       * keeping every meeting of the window for a second pass as `encounters` does (for the
       * first hundred at the Games load, ~30 % less of PostgreSQL's time: ARCHITECTURE.md,
       * "Speed, eleventh pass").
       */
      firstWithEncounters: `${contactSteps('streamed')}
SELECT t.person_id, t.total, e.location, e.f, e.u, e.minutes
FROM totals t
CROSS JOIN LATERAL ${encountersOf(meetingsOf('SELECT t.person_id'))} e`,
      /**
       * `totals` run with sorts disfavoured (migration 1764300003000): $1 the statement,
       * then its parameters.
       */
      totalsHashed: `SELECT person_id, total FROM movement.contact_totals_hashed($1, $2, $3, $4, $5, $6)`,
      /**
       * `firstWithEncounters` run with sorts disfavoured (migration 1764300003200): $1 the
       * statement, then its parameters.
       */
      firstWithEncountersHashed: `SELECT person_id, total, location, f, u, minutes
       FROM movement.contact_encounters_hashed($1, $2, $3, $4, $5, $6)`,
    },
  },
} as const;

/**
 * A page of who is inside location $1 now (of organisation $2's people when not null),
 * at most $3, with `micros`, the select-list expression of `since`'s key
 * (libs/graphql/keyset.ts), after the keyset condition `keyset` in `order`.
 */
export function presencePage(micros: string, keyset: string | null, order: string): string {
  return `SELECT l.person_id, l.location, l.since, ${micros} AS since_us
       FROM movement.presence l
       WHERE ${PRESENCE_FILTER} ${keyset ? `AND ${keyset}` : ''}
       ORDER BY ${order}
       LIMIT $3`;
}

/** What the movements list is filtered on, each as a bound parameter's placeholder. */
export interface EventsFilter {
  personId?: string;
  location?: string;
  /** Occurred at or after. */
  from?: string;
  /** Occurred before. */
  to?: string;
  /** The organisation scope, a condition already built (libs/accreditation/organisation-scope.ts). */
  scope?: string;
}

/** The movements list's conditions, AND-ed, for `eventsPage`. */
export function eventsConditions(filter: EventsFilter): string[] {
  const where: string[] = [];
  if (filter.personId) where.push(`e.person_id = ${filter.personId}::uuid`);
  if (filter.location) where.push(`e.location = ${filter.location}`);
  if (filter.from) where.push(`e.occurred_at >= ${filter.from}::timestamptz`);
  if (filter.to) where.push(`e.occurred_at < ${filter.to}::timestamptz`);
  if (filter.scope) where.push(filter.scope);
  return where;
}

/**
 * A page of the log's events with `micros`, the select-list expression of occurred_at's
 * key (libs/graphql/keyset.ts), and the count of all that match `conditions`; `limit` may
 * be a placeholder.
 */
export function eventsPage(
  conditions: readonly string[],
  micros: string,
  page: { keyset: string | null; order: string; limit: string | number },
) {
  const where = (c: readonly string[]) => (c.length > 0 ? `WHERE ${c.join(' AND ')}` : '');
  const all = page.keyset ? [...conditions, page.keyset] : conditions;
  return {
    rows: `SELECT e.id, e.person_id, e.location, e.kind, e.occurred_at, e.recorded_at, e.source, e.hash,
              ${micros} AS occurred_us
       FROM movement.events e ${where(all)}
       ORDER BY ${page.order}
       LIMIT ${page.limit}`,
    count: `SELECT count(*)::int AS total FROM movement.events e ${where(conditions)}`,
  };
}

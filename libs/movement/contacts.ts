import type { EntityManager } from 'typeorm';

export interface EncounterRecord {
  location: string;
  from: Date;
  until: Date;
  minutes: number;
}

export interface ContactRecord {
  personId: string;
  totalMinutes: number;
  encounters: EncounterRecord[];
}

/**
 * The contact trace, in one statement (see ARCHITECTURE.md "Movement log"), over the
 * owner's view movement.movements (the inspection service runs it too, and may read
 * the log only through that view). There is no look-back limit: a stay counts however
 * long ago it began.
 *
 * 1. subject_pieces: the subject's stays in the window, from their own events
 *    (person index) since their last ENTRY before the window (one backward probe):
 *    each ENTRY at L lasts until the next event at L or the next ENTRY anywhere
 *    (lead() over the events), clipped to [from, to). Pieces of one stay touch end
 *    to start; they are merged at the end.
 * 2. ranges: per location, from the subject's first piece there to the end of the last,
 *    so each stretch of the location index is read once.
 * 3. visitors / opening: stays already open when a range starts, however old. A loose
 *    index scan of (location, person_id, occurred_at), backwards, finds for each person
 *    who was at the location before the range their last event there, one probe per
 *    person (not a scan of the location's history): an ENTRY may still be open.
 * 4. nearby / other_pieces: those openings and everyone else's events at those places in
 *    those ranges (location index); an ENTRY lasts at most until that person's next event
 *    there (lead()), within its range.
 * 5. ended: only for pieces that meet a subject piece, one probe of the person index
 *    for the next ENTRY elsewhere, which ends the stay earlier.
 * 6. The overlaps, merged where they touch (gaps and islands), floored to whole minutes
 *    per encounter and summed per person.
 */
const CONTACTS_SQL = `
WITH RECURSIVE subject_start AS (
  SELECT coalesce((
    SELECT e.occurred_at FROM movement.movements e
    WHERE e.person_id = $1 AND e.kind = 'ENTRY' AND e.occurred_at < $2
    ORDER BY e.occurred_at DESC LIMIT 1), $2::timestamptz) AS at
),
subject_events AS (
  SELECT e.id, e.location, e.kind, e.occurred_at, e.recorded_at
  FROM movement.movements e, subject_start s
  WHERE e.person_id = $1 AND e.occurred_at >= s.at AND e.occurred_at < $3
),
subject_marked AS (
  SELECT s.*, lead(s.occurred_at) OVER (
           PARTITION BY s.location ORDER BY s.occurred_at, s.recorded_at, s.id) AS next_here
  FROM subject_events s
),
subject_entries AS (
  SELECT m.*, lead(m.occurred_at) OVER (ORDER BY m.occurred_at, m.recorded_at, m.id) AS next_entry
  FROM subject_marked m
  WHERE m.kind = 'ENTRY'
),
subject_pieces AS MATERIALIZED (
  SELECT location, a, b FROM (
    SELECT location, greatest(occurred_at, $2::timestamptz) AS a,
           least(coalesce(next_here, 'infinity'), coalesce(next_entry, 'infinity'), $3::timestamptz) AS b
    FROM subject_entries) p
  WHERE a < b
),
ranges AS MATERIALIZED (
  SELECT location, min(a) AS lo, max(b) AS hi FROM subject_pieces GROUP BY location
),
visitors (location, lo, hi, person_id, kind, occurred_at, recorded_at, id) AS (
  SELECT r.location, r.lo, r.hi, f.* FROM ranges r
  CROSS JOIN LATERAL (
    SELECT e.person_id, e.kind, e.occurred_at, e.recorded_at, e.id FROM movement.movements e
    WHERE e.location = r.location AND e.occurred_at < r.lo
    ORDER BY e.person_id DESC, e.occurred_at DESC, e.recorded_at DESC, e.id DESC LIMIT 1
  ) f
  UNION ALL
  SELECT v.location, v.lo, v.hi, f.* FROM visitors v
  CROSS JOIN LATERAL (
    SELECT e.person_id, e.kind, e.occurred_at, e.recorded_at, e.id FROM movement.movements e
    WHERE e.location = v.location AND e.occurred_at < v.lo AND e.person_id < v.person_id
    ORDER BY e.person_id DESC, e.occurred_at DESC, e.recorded_at DESC, e.id DESC LIMIT 1
  ) f
),
opening AS (
  SELECT v.location, v.lo, v.hi, v.person_id, v.kind, v.occurred_at, v.recorded_at, v.id
  FROM visitors v
  WHERE v.person_id <> $1 AND v.kind = 'ENTRY'
),
nearby AS (
  SELECT o.location, o.lo, o.hi, o.person_id, o.kind, o.occurred_at, o.recorded_at, o.id
  FROM opening o
  UNION ALL
  SELECT r.location, r.lo, r.hi, n.person_id, n.kind, n.occurred_at, n.recorded_at, n.id
  FROM ranges r
  CROSS JOIN LATERAL (
    SELECT e.person_id, e.kind, e.occurred_at, e.recorded_at, e.id
    FROM movement.movements e
    WHERE e.location = r.location AND e.occurred_at >= r.lo AND e.occurred_at < r.hi
      AND e.person_id <> $1
  ) n
),
other_pieces AS (
  SELECT x.person_id, x.location, x.occurred_at AS start, x.recorded_at, x.id,
         least(coalesce(x.next_here, 'infinity'), x.hi) AS local_end
  FROM (SELECT n.*, lead(n.occurred_at) OVER (
          PARTITION BY n.location, n.lo, n.person_id ORDER BY n.occurred_at, n.recorded_at, n.id) AS next_here
        FROM nearby n) x
  WHERE x.kind = 'ENTRY'
),
overlapping AS MATERIALIZED (
  SELECT o.* FROM other_pieces o
  WHERE o.start < o.local_end
    AND EXISTS (SELECT 1 FROM subject_pieces p
                WHERE p.location = o.location AND p.a < o.local_end AND p.b > o.start)
),
ended AS MATERIALIZED (
  SELECT o.person_id, o.location, o.start, least(o.local_end, coalesce(ne.at, 'infinity')) AS until
  FROM overlapping o
  LEFT JOIN LATERAL (
    SELECT e.occurred_at AS at FROM movement.movements e
    WHERE e.person_id = o.person_id AND e.kind = 'ENTRY'
      AND e.occurred_at >= o.start AND e.occurred_at < o.local_end
      AND (e.occurred_at, e.recorded_at, e.id) > (o.start, o.recorded_at, o.id)
    ORDER BY e.occurred_at LIMIT 1
  ) ne ON true
),
meetings AS (
  SELECT d.person_id, d.location, greatest(d.start, p.a) AS f, least(d.until, p.b) AS u
  FROM ended d
  JOIN subject_pieces p ON p.location = d.location AND p.a < d.until AND p.b > d.start
  WHERE d.start < d.until
),
islands AS (
  SELECT m.*, count(*) FILTER (WHERE prev_u IS NULL OR f > prev_u) OVER (
           PARTITION BY person_id, location ORDER BY f ROWS UNBOUNDED PRECEDING) AS island
  FROM (SELECT m.*, lag(m.u) OVER (PARTITION BY m.person_id, m.location ORDER BY m.f) AS prev_u
        FROM meetings m) m
),
encounters AS (
  SELECT person_id, location, min(f) AS f, max(u) AS u,
         floor(extract(epoch FROM max(u) - min(f)) / 60)::int AS minutes
  FROM islands GROUP BY person_id, location, island
),
totals AS (
  SELECT e.*, sum(e.minutes) OVER (PARTITION BY e.person_id)::int AS total FROM encounters e
)
SELECT person_id, total, location, f, u, minutes FROM totals
WHERE total >= $4
ORDER BY total DESC, person_id, f, location`;

interface ContactRow {
  person_id: string;
  total: number;
  location: string;
  f: Date;
  u: Date;
  minutes: number;
}

/**
 * Everyone whose stays overlapped the person's at the same location within
 * [from, to), for at least minMinutes in total, most minutes first; each
 * with the encounters (per location, touching overlaps merged) in time order.
 * The inspection service's designateCloseContacts calls this inside its own
 * transaction.
 */
export async function findContacts(
  manager: Pick<EntityManager, 'query'>,
  personId: string,
  from: Date,
  to: Date,
  minMinutes: number,
): Promise<ContactRecord[]> {
  const rows: ContactRow[] = await manager.query(CONTACTS_SQL, [personId, from, to, minMinutes]);
  const contacts: ContactRecord[] = [];
  for (const row of rows) {
    let contact = contacts[contacts.length - 1];
    if (!contact || contact.personId !== row.person_id) {
      contact = { personId: row.person_id, totalMinutes: row.total, encounters: [] };
      contacts.push(contact);
    }
    contact.encounters.push({
      location: row.location,
      from: row.f,
      until: row.u,
      minutes: row.minutes,
    });
  }
  return contacts;
}

/** The statement itself, for EXPLAIN in the benchmark and the architecture notes. */
export const CONTACTS_STATEMENT = CONTACTS_SQL;

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
 * The contact trace, in one statement (see ARCHITECTURE.md "Movement log"), over
 * movement.stays, which the appending transaction keeps (migration 1764300002000): one row
 * per ENTRY, the stretch it begins, whose union per person is exactly their stays. The
 * inspection service runs it too (designations) and may read the stays, not the chain.
 * There is no look-back limit: a stay counts however long ago it began.
 *
 * 1. subject: the subject's rows overlapping the window, clipped to [from, to)
 *    (person index).
 * 2. others: for each of them and each class of stay length, everyone else's rows at that
 *    place that overlap it: one range of the (location, span_class, started_at) index,
 *    from its start less the class's longest stay to its end (the last class, open and very
 *    long stays, has no lower bound and holds few rows per place).
 * 3. The overlaps, merged where they touch (gaps and islands), floored to whole minutes
 *    per encounter and summed per person: the contacts, most minutes first, the first
 *    `first` of them when asked (the rule, minMinutes included, is the same either way).
 *
 * Two answers share these steps (CONTACT_STEPS): the totals alone, which is what most
 * readers ask for and a few bytes per contact, and the totals with every encounter of the
 * contacts kept, which can run to a hundred thousand rows for a week at a Games' venues.
 */
const CONTACT_STEPS = `
WITH subject AS MATERIALIZED (
  SELECT p.location, p.a, p.b FROM (
    SELECT s.location, greatest(s.started_at, $2::timestamptz) AS a,
           least(coalesce(s.ended_at, 'infinity'), $3::timestamptz) AS b
    FROM movement.stays s
    WHERE s.person_id = $1 AND s.started_at < $3 AND (s.ended_at IS NULL OR s.ended_at > $2)) p
  WHERE p.a < p.b
),
meetings AS (
  SELECT o.person_id, p.location, greatest(o.started_at, p.a) AS f,
         least(coalesce(o.ended_at, 'infinity'), p.b) AS u
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
),
islands AS (
  SELECT m.*, count(*) FILTER (WHERE prev_u IS NULL OR f > prev_u) OVER (
           PARTITION BY person_id, location ORDER BY f ROWS UNBOUNDED PRECEDING) AS island
  FROM (SELECT m.*, max(m.u) OVER (PARTITION BY m.person_id, m.location ORDER BY m.f, m.u
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_u
        FROM meetings m WHERE m.f < m.u) m
),
encounters AS (
  SELECT person_id, location, min(f) AS f, max(u) AS u,
         floor(extract(epoch FROM max(u) - min(f)) / 60)::int AS minutes
  FROM islands GROUP BY person_id, location, island
),
totals AS (
  SELECT person_id, sum(minutes)::int AS total FROM encounters
  GROUP BY person_id HAVING sum(minutes) >= $4
  ORDER BY total DESC, person_id LIMIT $5
)`;

/** The contacts' totals alone, in answer order. */
const TOTALS_SQL = `${CONTACT_STEPS}
SELECT person_id, total FROM totals ORDER BY total DESC, person_id`;

/**
 * The contacts with their encounters, in person order: findContacts puts the answer in
 * order, faster than a sort of a hundred thousand rows in the database, which would spill
 * to disk.
 */
const ENCOUNTERS_SQL = `${CONTACT_STEPS}
SELECT t.person_id, t.total, e.location, e.f, e.u, e.minutes
FROM totals t JOIN encounters e USING (person_id)
ORDER BY t.person_id`;

interface TotalRow {
  person_id: string;
  total: number;
}

interface ContactRow extends TotalRow {
  location: string;
  f: Date;
  u: Date;
  minutes: number;
}

/** What a trace answers beyond the rule: how many contacts, and whether with encounters. */
export interface ContactTraceOptions {
  /** The first (most minutes) contacts only; all of them when absent. */
  first?: number | null;
  /** False: the totals alone, each contact's `encounters` left empty. */
  encounters?: boolean;
}

/**
 * Everyone whose stays overlapped the person's at the same location within
 * [from, to), for at least minMinutes in total, most minutes first (then by person id);
 * each with the encounters (per location, touching overlaps merged) in time order.
 * The inspection service's designateCloseContacts calls this inside its own
 * transaction.
 */
export async function findContacts(
  manager: Pick<EntityManager, 'query'>,
  personId: string,
  from: Date,
  to: Date,
  minMinutes: number,
  options: ContactTraceOptions = {},
): Promise<ContactRecord[]> {
  const params = [personId, from, to, minMinutes, options.first ?? null];
  if (options.encounters === false) {
    const totals: TotalRow[] = await manager.query(TOTALS_SQL, params);
    return totals.map((row) => ({
      personId: row.person_id,
      totalMinutes: row.total,
      encounters: [],
    }));
  }
  const rows: ContactRow[] = await manager.query(ENCOUNTERS_SQL, params);
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
  for (const contact of contacts) {
    contact.encounters.sort(
      (a, b) =>
        a.from.getTime() - b.from.getTime() ||
        (a.location < b.location ? -1 : a.location > b.location ? 1 : 0),
    );
  }
  return contacts.sort(
    (a, b) =>
      b.totalMinutes - a.totalMinutes ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
}

/** The statement itself, for EXPLAIN in the benchmark and the architecture notes. */
export const CONTACTS_STATEMENT = ENCOUNTERS_SQL;
export const CONTACT_TOTALS_STATEMENT = TOTALS_SQL;

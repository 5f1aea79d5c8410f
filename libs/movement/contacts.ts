import type { EntityManager } from 'typeorm';
import { MovementSql } from '#libs/sql/movement.sql.js';

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
 * The contact trace runs as one statement (see ARCHITECTURE.md "Movement log" and
 * MovementSql.published.contacts in libs/sql/movement.sql.ts), over movement.stays, which
 * the appending transaction keeps. The inspection service runs it too (designations) and
 * may read the stays, not the chain. Two answers share its steps: the totals alone, which
 * is what most readers ask for, and the totals with every encounter of the contacts kept.
 */
const TOTALS_SQL = MovementSql.published.contacts.totals;
const ENCOUNTERS_SQL = MovementSql.published.contacts.encounters;
const SORTS = MovementSql.published.contacts;

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
  manager: EntityManager,
  personId: string,
  from: Date,
  to: Date,
  minMinutes: number,
  options: ContactTraceOptions = {},
): Promise<ContactRecord[]> {
  const params = [personId, from, to, minMinutes, options.first ?? null];
  if (options.encounters === false) {
    const totals: TotalRow[] = await withSortsDisfavoured(manager, (m) =>
      m.query(TOTALS_SQL, params),
    );
    return totals.map((row) => ({
      personId: row.person_id,
      totalMinutes: row.total,
      encounters: [],
    }));
  }
  const rows: ContactRow[] = await withSortsDisfavoured(manager, (m) =>
    m.query(ENCOUNTERS_SQL, params),
  );
  const byPerson = new Map<string, ContactRecord>();
  for (const row of rows) {
    let contact = byPerson.get(row.person_id);
    if (!contact) {
      contact = { personId: row.person_id, totalMinutes: row.total, encounters: [] };
      byPerson.set(row.person_id, contact);
    }
    contact.encounters.push({
      location: row.location,
      from: row.f,
      until: row.u,
      minutes: row.minutes,
    });
  }
  const contacts = [...byPerson.values()];
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

/**
 * Runs a trace's statement with sorts disfavoured (`enable_sort` off for it alone). The
 * planner cannot know how many people the subject's places hold: it reckons each place
 * by the average one, and a week at a Games venue meets ~100 times more rows than that,
 * so it groups the week's ~17,000 meetings by person with a sort where hashing them is
 * ~10 ms faster (ARCHITECTURE.md, "Speed, ninth pass"). The statement's other sorts (the
 * subject's stays in time order, the answer's order) have no alternative and stay. The
 * setting is local to a transaction: the caller's, put back after the statement, or one
 * of its own.
 */
async function withSortsDisfavoured<T>(
  manager: EntityManager,
  run: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (manager.queryRunner?.isTransactionActive) {
    const [{ previous }]: { previous: string }[] = await manager.query(SORTS.disfavourSorts);
    const answer = await run(manager);
    // On failure the caller's transaction is aborted, and its rollback puts the setting back.
    await manager.query(SORTS.restoreSorts, [previous]);
    return answer;
  }
  return manager.transaction(async (inner) => {
    await inner.query(SORTS.disfavourSorts);
    return run(inner);
  });
}

/** The statement itself, for EXPLAIN in the benchmark and the architecture notes. */
export const CONTACTS_STATEMENT = ENCOUNTERS_SQL;
export const CONTACT_TOTALS_STATEMENT = TOTALS_SQL;

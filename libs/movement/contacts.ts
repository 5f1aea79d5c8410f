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
 * may read the stays, not the chain. Three answers share its steps: the totals alone, which
 * is what most readers ask for, the first contacts with their encounters, and every contact
 * with their encounters.
 */
const TOTALS_SQL = MovementSql.published.contacts.totals;
const ENCOUNTERS_SQL = MovementSql.published.contacts.encounters;
const FIRST_WITH_ENCOUNTERS_SQL = MovementSql.published.contacts.firstWithEncounters;
const TOTALS_HASHED_SQL = MovementSql.published.contacts.totalsHashed;
const FIRST_WITH_ENCOUNTERS_HASHED_SQL = MovementSql.published.contacts.firstWithEncountersHashed;

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
    // Grouped by hashing, not by a sort the planner would choose for want of knowing how
    // many people a venue holds (migration 1764300003000).
    const totals: TotalRow[] = await manager.query(TOTALS_HASHED_SQL, [TOTALS_SQL, ...params]);
    return totals.map((row) => ({
      personId: row.person_id,
      totalMinutes: row.total,
      encounters: [],
    }));
  }
  // The first contacts' encounters are read again from the person index, a few dozen rows
  // each, planned as the totals are (migration 1764300003200); every contact's, from the
  // window's meetings kept for a second pass (ARCHITECTURE.md, "Speed, eleventh pass").
  const rows: ContactRow[] =
    options.first == null
      ? await manager.query(ENCOUNTERS_SQL, params)
      : await manager.query(FIRST_WITH_ENCOUNTERS_HASHED_SQL, [
          FIRST_WITH_ENCOUNTERS_SQL,
          ...params,
        ]);
  // The rows come in no order: grouped by person here, then put in the answer's order.
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

/** The statement itself, for EXPLAIN in the benchmark and the architecture notes. */
export const CONTACTS_STATEMENT = ENCOUNTERS_SQL;
export const CONTACT_TOTALS_STATEMENT = TOTALS_SQL;

import { CARD_STATUSES_VIEW } from '#libs/sql/accreditation.sql.js';
import { MOVEMENTS_VIEW } from '#libs/sql/movement.sql.js';

/**
 * The inspection schema's statements (the inspection service owns it): what the service
 * runs on its own tables, its reads of the views and functions other owners publish to it
 * (accreditation.card_statuses, movement.movements), and its own published side, the view
 * of closed-loop statuses other services join. Parameters are numbered as each comment says.
 * test/database/sql-modules.service-spec.ts prepares every one on a migrated database.
 */

/**
 * The owner's view of each person's closed-loop status (person_id, status, test_due_by),
 * the one part of inspection's schema another role may read. Someone without a row has
 * not arrived (OUTSIDE).
 */
export const CLOSED_LOOP_STATUS_VIEW = 'inspection.closed_loop_statuses';

/** Joins the published statuses as `alias` to the rows whose person id is `personColumn`. */
export function closedLoopStatusJoin(alias: string, personColumn: string): string {
  return `LEFT JOIN ${CLOSED_LOOP_STATUS_VIEW} ${alias} ON ${alias}.person_id = ${personColumn}`;
}

/**
 * The deny list's candidates at $1 within $2 hours: the cards the gate rules could list
 * (not ACTIVE, reissued, not in the loop or isolated, or a test due within the horizon),
 * from the accreditation owner's view accreditation.card_statuses; with `scoped`, only
 * the organisation $3's cards.
 */
function denyListCandidates(scoped: boolean): string {
  return `SELECT c.card_number, c.status, c.token_version,
              s.status AS loop_status, s.test_due_by
       FROM ${CARD_STATUSES_VIEW} c
       LEFT JOIN ${CLOSED_LOOP_STATUS_VIEW} s ON s.person_id = c.person_id
       WHERE (c.status <> 'ACTIVE' OR c.token_version > 1
              OR s.status IS NULL OR s.status NOT IN ('IN_LOOP', 'CLOSE_CONTACT')
              OR s.test_due_by <= $1::timestamptz + $2 * interval '1 hour')
         ${scoped ? 'AND c.organisation_id = $3' : ''}
       ORDER BY c.card_number`;
}

export const InspectionSql = {
  /**
   * Transaction-scoped advisory locks on an id ($1), one key space each, standing in for a
   * row that does not exist yet: whoever creates the row holds the lock.
   */
  locks: {
    /** A person not yet in the closed loop. */
    person: `SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`,
    /** An arrival's or departure's id. */
    portEvent: `SELECT pg_advisory_xact_lock(hashtextextended($1::text, 2))`,
    /** A test result's id. */
    testResult: `SELECT pg_advisory_xact_lock(hashtextextended($1::text, 3))`,
  },

  areas: {
    /** $1 code, $2 name, $3 kind, $4 venue, $5 zone, $6 closed loop: no row when the code is taken. */
    insert: `INSERT INTO inspection.areas (code, name, kind, venue_code, zone, closed_loop)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING *`,
    list: `SELECT * FROM inspection.areas ORDER BY code`,
    /** $1 code. */
    byCode: `SELECT * FROM inspection.areas WHERE code = $1`,
    /** $1 text[]. */
    byCodes: `SELECT * FROM inspection.areas WHERE code = ANY($1::text[])`,
  },

  closedLoop: {
    /** $1 person uuid[]. */
    byPersonIds: `SELECT * FROM inspection.closed_loop WHERE person_id = ANY($1::uuid[])`,
    /** $1 person: their row, locked. */
    lock: `SELECT * FROM inspection.closed_loop WHERE person_id = $1 FOR UPDATE`,
    /**
     * $1 person, $2 status, $3 entered at, $4 last negative test, $5 last sampled,
     * $6 test due by, $7 close contact until, $8 updated at.
     */
    save: `INSERT INTO inspection.closed_loop
         (person_id, status, entered_at, last_negative_test_at, last_sampled_at, test_due_by,
          close_contact_until, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (person_id) DO UPDATE SET status = $2, entered_at = $3, last_negative_test_at = $4,
         last_sampled_at = $5, test_due_by = $6, close_contact_until = $7, updated_at = $8`,
    /** A history line: $1 person, $2 status, $3 reason, $4 by, $5 at. */
    appendHistory: `INSERT INTO inspection.closed_loop_history (person_id, status, reason, by, at)
         VALUES ($1, $2, $3, $4, $5)`,
    /** Close contacts whose days ran out by $1, soonest first, at most $2. */
    expiredCloseContacts: `SELECT person_id FROM inspection.closed_loop
         WHERE status = 'CLOSE_CONTACT' AND close_contact_until <= $1
         ORDER BY close_contact_until LIMIT $2`,
  },

  checkIns: {
    /**
     * One batch of scans decided and recorded by the owner's function inspection.check_in,
     * one array per field: $1 ids, $2 area codes, $3 card numbers, $4 token card numbers,
     * $5 token kinds, $6 token versions, $7 people, $8 scanned at, $9 decisions,
     * $10 reasons, $11 fingerprints (see apps/inspection/check-ins/check-in-batcher.ts).
     */
    record: `SELECT * FROM inspection.check_in($1::uuid[], $2::text[], $3::text[], $4::text[],
  $5::text[], $6::int[], $7::uuid[], $8::timestamptz[], $9::text[], $10::text[], $11::text[])`,
    /** $1 id. */
    byId: `SELECT * FROM inspection.check_ins WHERE id = $1`,
    /** The fingerprints of the ids $1 (uuid[]) already recorded. */
    fingerprints: `SELECT id, fingerprint FROM inspection.check_ins WHERE id = ANY($1::uuid[])`,
  },

  annulments: {
    /** $1 check-in, $2 at, $3 by, $4 reason, $5 the compensating events (uuid[]). */
    insert: `INSERT INTO inspection.check_in_annulments
             (check_in_id, annulled_at, annulled_by, reason, compensating_event_ids)
           VALUES ($1, $2, $3, $4, $5::uuid[])`,
    /** $1 check-in uuid[]. */
    byCheckInIds: `SELECT * FROM inspection.check_in_annulments WHERE check_in_id = ANY($1::uuid[])`,
    /**
     * The movements of person $1 up to the instant of the event $2, from movement's
     * published view movement.movements (MOVEMENTS_VIEW): what an annulment compensates.
     */
    movementsUpTo: `SELECT m.id, m.location, m.kind, m.occurred_at, m.recorded_at
       FROM ${MOVEMENTS_VIEW} m, (SELECT occurred_at FROM ${MOVEMENTS_VIEW} WHERE id = $2) a
       WHERE m.person_id = $1 AND m.occurred_at <= a.occurred_at`,
  },

  portEvents: {
    /** $1 id. */
    byId: `SELECT * FROM inspection.port_events WHERE id = $1`,
    /**
     * $1 id, $2 area, $3 person, $4 card number, $5 decision, $6 reasons, $7 occurred at,
     * $8 flight, $9 fingerprint.
     */
    insertArrival: `INSERT INTO inspection.port_events
           (id, kind, area_code, person_id, card_number, decision, reasons, occurred_at, flight_number, fingerprint)
         VALUES ($1, 'ARRIVAL', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    /** $1 id, $2 area, $3 person, $4 card number, $5 occurred at, $6 fingerprint. */
    insertDeparture: `INSERT INTO inspection.port_events
           (id, kind, area_code, person_id, card_number, decision, reasons, occurred_at, fingerprint)
         VALUES ($1, 'DEPARTURE', $2, $3, $4, 'ADMITTED', '{}', $5, $6)`,
    /** The latest admitted arrival of $1 at or before $2, other than the event $3 (or null). */
    lastAdmittedArrival: `SELECT max(occurred_at) AS at FROM inspection.port_events
       WHERE person_id = $1 AND kind = 'ARRIVAL' AND decision = 'ADMITTED'
         AND occurred_at <= $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
  },

  testResults: {
    /** $1 id. */
    byId: `SELECT fingerprint, person_id FROM inspection.test_results WHERE id = $1`,
    /** $1 id, $2 person, $3 sampled at, $4 result, $5 fingerprint. */
    insert: `INSERT INTO inspection.test_results (id, person_id, sampled_at, result, fingerprint)
         VALUES ($1, $2, $3, $4, $5)`,
  },

  denyList: {
    /** $1 now, $2 horizon in hours: every organisation's cards. */
    all: denyListCandidates(false),
    /** $1 now, $2 horizon in hours, $3 organisation. */
    ofOrganisation: denyListCandidates(true),
  },
} as const;

/** What the check-ins list is filtered on, each as a bound parameter's placeholder. */
export interface CheckInsFilter {
  areaCode?: string;
  personId?: string;
  /** The organisation scope, a condition already built (libs/accreditation/organisation-scope.ts). */
  scope?: string;
  decision?: string;
  conflict?: string;
  /** Scanned at or after. */
  from?: string;
  /** Scanned before. */
  to?: string;
}

/** The check-ins list's conditions, AND-ed, for `checkInsPage`. */
export function checkInsConditions(filter: CheckInsFilter): string[] {
  const where: string[] = [];
  if (filter.areaCode) where.push(`area_code = ${filter.areaCode}`);
  if (filter.personId) where.push(`person_id = ${filter.personId}`);
  if (filter.scope) where.push(filter.scope);
  if (filter.decision) where.push(`decision = ${filter.decision}`);
  if (filter.conflict) where.push(`conflict = ${filter.conflict}`);
  if (filter.from) where.push(`scanned_at >= ${filter.from}`);
  if (filter.to) where.push(`scanned_at < ${filter.to}`);
  return where;
}

/**
 * A page of check-ins with `micros`, the select-list expression of scanned_at's key
 * (libs/graphql/keyset.ts), and the count of all that match `conditions`; `limit` may be
 * a placeholder.
 */
export function checkInsPage(
  conditions: readonly string[],
  micros: string,
  page: { keyset: string | null; order: string; limit: string | number },
) {
  const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const keyset = page.keyset ? `${filter ? 'AND' : 'WHERE'} ${page.keyset}` : '';
  return {
    rows: `SELECT *, ${micros} AS micros
       FROM inspection.check_ins ${filter} ${keyset}
       ORDER BY ${page.order} LIMIT ${page.limit}`,
    count: `SELECT count(*)::int AS n FROM inspection.check_ins ${filter}`,
  };
}

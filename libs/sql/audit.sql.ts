/**
 * The audit schema's statements: the trail every service appends to (libs/audit) and the
 * accreditation service's ADMIN reads (auditTrail). The trail is append-only: no statement
 * here changes or removes an entry, and no role may (migrations/append-only.ts).
 * test/database/sql-modules.service-spec.ts prepares every one on a migrated database, as
 * each writer.
 */

export const AuditSql = {
  events: {
    /**
     * A batch of entries in one statement, one array per column: $1 at (timestamptz[]),
     * $2 actor, $3 action, $4 person (uuid[]), $5 outcome, $6 client address, $7 request id,
     * $8 service.
     */
    append: `INSERT INTO audit.events (at, actor, action, person_id, outcome, client_address, request_id, service)
         SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[],
                              $7::text[], $8::text[])`,
  },
} as const;

/** What the audit trail is filtered on, each as a bound parameter's placeholder. */
export interface AuditTrailFilter {
  personId?: string;
  /** Entries at or after. */
  from?: string;
  /** Entries before. */
  to?: string;
  /** A LIKE pattern (backslash escapes) the actor contains, ignoring case. */
  actor?: string;
}

/** The audit trail's conditions, AND-ed, for `auditTrail`. */
export function auditTrailConditions(filter: AuditTrailFilter): string[] {
  const where: string[] = [];
  if (filter.personId) where.push(`person_id = ${filter.personId}`);
  if (filter.from) where.push(`at >= ${filter.from}`);
  if (filter.to) where.push(`at < ${filter.to}`);
  if (filter.actor) where.push(`actor ILIKE ${filter.actor} ESCAPE '\\'`);
  return where;
}

/**
 * A page of the trail and the count of all that match `conditions`; `keyset` (from
 * libs/graphql/keyset.ts) is the condition after the cursor, or null for the first page.
 */
export function auditTrail(
  conditions: readonly string[],
  page: { keyset: string | null; order: string; limit: number },
) {
  const where = page.keyset ? [...conditions, page.keyset] : conditions;
  return {
    rows: `SELECT * FROM audit.events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${page.order} LIMIT ${page.limit}`,
    count: `SELECT count(*)::int AS n FROM audit.events ${
      conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''
    }`,
  };
}

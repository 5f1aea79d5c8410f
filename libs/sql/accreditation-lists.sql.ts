import { PERSON_COLUMNS } from '#libs/sql/accreditation.sql.js';

/**
 * The accreditation schema's list pages, built per request from the caller's filters and a
 * keyset page (libs/graphql/keyset.ts): the people list and the tests-due list. The named
 * statements of the schema are in accreditation.sql.ts;
 * test/database/sql-modules.service-spec.ts prepares what each builder makes.
 */

/**
 * People whose names, document number (when the caller may see document numbers) or card
 * number contain the LIKE pattern: each arm is answered by its own trigram index
 * (people_name_search_idx, people_document_search_idx, accreditations_card_number_search_idx),
 * which an OR across the join could not use. Without the document number a caller who may
 * not see it cannot recover it one character at a time from what matches.
 */
export function peopleSearchCondition(pattern: string, withDocumentNumbers: boolean): string {
  const documentArm = withDocumentNumbers
    ? `
    UNION ALL
    SELECT d.id FROM accreditation.people d WHERE lower(d.document_number) LIKE ${pattern}`
    : '';
  return `p.id IN (
    SELECT s.id FROM accreditation.people s WHERE lower(s.given_name || ' ' || s.family_name) LIKE ${pattern}${documentArm}
    UNION ALL
    SELECT sa.person_id FROM accreditation.accreditations sa WHERE lower(sa.card_number) LIKE ${pattern})`;
}

/** What the people list is filtered on, each as a bound parameter's placeholder. */
export interface PeopleListFilter {
  /** Organisations the person must belong to (a filter and an API key's scope). */
  organisationIds: readonly string[];
  status?: string;
  /** The stored closed-loop statuses (text[]); no row counts as OUTSIDE. */
  closedLoopStatuses?: string;
  search?: { pattern: string; withDocumentNumbers: boolean };
}

/** The people list's conditions, AND-ed, for `peopleList`. */
export function peopleListConditions(filter: PeopleListFilter): string[] {
  const where = filter.organisationIds.map((p) => `p.organisation_id = ${p}`);
  if (filter.status) where.push(`a.status = ${filter.status}`);
  if (filter.closedLoopStatuses) {
    where.push(`coalesce(cl.status, 'OUTSIDE') = ANY(${filter.closedLoopStatuses}::text[])`);
  }
  if (filter.search) {
    where.push(peopleSearchCondition(filter.search.pattern, filter.search.withDocumentNumbers));
  }
  return where;
}

/** A keyset page's parts, built by libs/graphql/keyset.ts: its condition (if any), order and size. */
export interface PageParts {
  keyset: string | null;
  order: string;
  limit: number;
}

/**
 * A page of people (alias `p`, accreditation `a`) and the count of all that match
 * `conditions` (the count's parameters are those before the keyset's). `closedLoopJoin`
 * joins inspection's published statuses as `cl` (closedLoopStatusJoin of inspection.sql.ts).
 */
export function peopleList(conditions: readonly string[], closedLoopJoin: string, page: PageParts) {
  const from = `FROM accreditation.people p
      JOIN accreditation.accreditations a ON a.person_id = p.id
      ${closedLoopJoin}`;
  const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const keyset = page.keyset ? `${filter ? 'AND' : 'WHERE'} ${page.keyset}` : '';
  return {
    rows: `SELECT ${PERSON_COLUMNS} ${from} ${filter} ${keyset}
         ORDER BY ${page.order} LIMIT ${page.limit}`,
    count: `SELECT count(*)::int AS n ${from} ${filter}`,
  };
}

/**
 * People in the closed loop (IN_LOOP or CLOSE_CONTACT in `closedLoopView`, inspection's
 * published view, as `cl`) whose next test falls due before $1, confined to the
 * organisations given as placeholders; rows carry `due_us`, the due instant in
 * microseconds (`dueMicros`, from keyset.ts).
 */
export function testsDue(
  closedLoopView: string,
  organisationIds: readonly string[],
  dueMicros: string,
  page: PageParts,
) {
  const where = [
    `cl.status IN ('IN_LOOP', 'CLOSE_CONTACT')`,
    `cl.test_due_by IS NOT NULL`,
    `cl.test_due_by < $1`,
    ...organisationIds.map((p) => `p.organisation_id = ${p}`),
  ];
  const from = `FROM ${closedLoopView} cl
    JOIN accreditation.people p ON p.id = cl.person_id
    WHERE ${where.join(' AND ')}`;
  return {
    rows: `SELECT ${PERSON_COLUMNS}, ${dueMicros} AS due_us
     ${from} ${page.keyset ? `AND ${page.keyset}` : ''}
     ORDER BY ${page.order} LIMIT ${page.limit}`,
    count: `SELECT count(*)::int AS n ${from}`,
  };
}

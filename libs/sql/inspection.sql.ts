/**
 * The inspection schema's statements (the inspection service owns it): what the service
 * runs on its own tables, and its published side, the view other services join.
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

export const InspectionSql = {} as const;

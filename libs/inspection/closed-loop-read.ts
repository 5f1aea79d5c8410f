/**
 * The inspection service's published read side of the closed loop, for other
 * services' SQL: the owner's view inspection.closed_loop_statuses (person_id, status,
 * test_due_by), the one part of inspection's schema another role may read. Someone
 * without a row has not arrived (OUTSIDE).
 */
export function closedLoopStatusJoin(alias: string, personColumn: string): string {
  return `LEFT JOIN inspection.closed_loop_statuses ${alias} ON ${alias}.person_id = ${personColumn}`;
}

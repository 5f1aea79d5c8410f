import type { FieldProblem } from '#libs/common/errors.js';

/** The longest window a contact trace covers: contacts() and designateCloseContacts alike. */
export const MAX_CONTACT_WINDOW_DAYS = 31;
/** minMinutes: at least a minute together makes a contact, at most a day's worth is asked for. */
export const MIN_CONTACT_MINUTES = 1;
export const MAX_CONTACT_MINUTES = 24 * 60;

const DAY_MS = 24 * 60 * 60 * 1000;

const isValidDate = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

/**
 * What is wrong with a contact trace's window and threshold, by field: the one rule for the
 * tracer's contacts() (movement) and the health screen's designateCloseContacts (inspection).
 */
export function contactTraceProblems(
  from: unknown,
  to: unknown,
  minMinutes: unknown,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isValidDate(from))
    problems.push({ field: 'from', message: 'must be an ISO 8601 date-time' });
  if (!isValidDate(to)) problems.push({ field: 'to', message: 'must be an ISO 8601 date-time' });
  if (isValidDate(from) && isValidDate(to)) {
    const span = to.getTime() - from.getTime();
    if (span <= 0) problems.push({ field: 'to', message: 'must be after from' });
    else if (span > MAX_CONTACT_WINDOW_DAYS * DAY_MS) {
      problems.push({
        field: 'to',
        message: `must be at most ${MAX_CONTACT_WINDOW_DAYS} days after from`,
      });
    }
  }
  if (
    !Number.isInteger(minMinutes) ||
    (minMinutes as number) < MIN_CONTACT_MINUTES ||
    (minMinutes as number) > MAX_CONTACT_MINUTES
  ) {
    problems.push({
      field: 'minMinutes',
      message: `must be a whole number of minutes from ${MIN_CONTACT_MINUTES} to ${MAX_CONTACT_MINUTES}`,
    });
  }
  return problems;
}

import type { FieldProblem } from '#libs/common/error-codes.js';
import { isUuid } from '#libs/common/ids.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest window a contact trace looks at: a Games and its arrival weeks. */
export const MAX_CONTACT_WINDOW_DAYS = 31;
/** The largest minimum a contact trace accepts: the whole of its longest window. */
export const MAX_CONTACT_MIN_MINUTES = MAX_CONTACT_WINDOW_DAYS * 24 * 60;

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** The problems of a [from, to) window given as query arguments, at most maxDays long. */
export function windowProblems(from: unknown, to: unknown, maxDays: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isValidDate(from))
    problems.push({ field: 'from', message: 'must be an ISO 8601 date-time' });
  if (!isValidDate(to)) problems.push({ field: 'to', message: 'must be an ISO 8601 date-time' });
  if (problems.length === 0) {
    const span = (to as Date).getTime() - (from as Date).getTime();
    if (span <= 0) problems.push({ field: 'to', message: 'must be after from' });
    else if (span > maxDays * DAY_MS) {
      problems.push({ field: 'to', message: `must be at most ${maxDays} days after from` });
    }
  }
  return problems;
}

/**
 * The one rule for a contact trace's arguments, whether it only reads (movement's
 * contacts) or designates (inspection's designateCloseContacts): a person id, a window of
 * at most MAX_CONTACT_WINDOW_DAYS, and a whole number of minutes from 0 (any overlap) to
 * the longest window (roommates share whole days); and, when asked for the first contacts
 * only, how many: at least one.
 */
export function contactTraceProblems(query: {
  personId: string;
  from: unknown;
  to: unknown;
  minMinutes: number;
  first?: number | null;
}): FieldProblem[] {
  const problems = windowProblems(query.from, query.to, MAX_CONTACT_WINDOW_DAYS);
  if (!isUuid(query.personId)) {
    problems.unshift({ field: 'personId', message: 'must be a person id' });
  }
  const { minMinutes } = query;
  if (!Number.isInteger(minMinutes) || minMinutes < 0 || minMinutes > MAX_CONTACT_MIN_MINUTES) {
    problems.push({
      field: 'minMinutes',
      message: `must be a whole number of minutes from 0 to ${MAX_CONTACT_MIN_MINUTES}`,
    });
  }
  const { first } = query;
  if (first !== undefined && first !== null && (!Number.isInteger(first) || first < 1)) {
    problems.push({ field: 'first', message: 'must be a whole number from 1' });
  }
  return problems;
}

import {
  compareMovements,
  deriveStays,
  type MovementPoint,
  type StayInterval,
} from '#libs/movement/stays.js';

/** An event to append so the log means what it would without the annulled one. */
export interface Compensation {
  location: string;
  kind: 'ENTRY' | 'EXIT';
}

function placeAfter(events: readonly MovementPoint[]): string | null {
  const stays = deriveStays(events);
  const last = stays[stays.length - 1];
  return last && last.until === null ? last.location : null;
}

/**
 * The events that undo a mistaken one, appended at its instant (occurredAt)
 * after it in recording order: the log never changes, what it means does.
 * `history` is the person's events up to and including the annulled one (in
 * any order; later events need no change, since stays are derived in
 * occurredAt order and the compensation sits at the annulled event's instant).
 *
 * - A mistaken ENTRY at L, when the person was elsewhere (or nowhere): an EXIT
 *   from L, then an ENTRY back where they were, if anywhere.
 * - A mistaken EXIT from L, when the person was in L: an ENTRY at L.
 * - An event that changed nothing (a double scan): nothing.
 *
 * Appended together, the two events of the first case must be recorded in the
 * order given (the log breaks ties of occurredAt and recordedAt by id).
 */
export function compensationFor(
  history: readonly MovementPoint[],
  annulled: MovementPoint,
): Compensation[] {
  const before = placeAfter(history.filter((e) => e.id !== annulled.id && !isAfter(e, annulled)));
  const after = placeAfter(history.filter((e) => !isAfter(e, annulled)));
  if (before === after) return [];
  const undo: Compensation[] = [];
  if (after !== null) undo.push({ location: after, kind: 'EXIT' });
  if (before !== null) undo.push({ location: before, kind: 'ENTRY' });
  return undo;
}

function isAfter(event: MovementPoint, annulled: MovementPoint): boolean {
  return compareMovements(event, annulled) > 0;
}

/**
 * Stays as a person reads them: a stay of no length (an entry undone at its
 * instant) is left out, and two stays at one place that meet (an exit undone)
 * are one.
 */
export function tidyStays(stays: readonly StayInterval[]): StayInterval[] {
  const tidy: StayInterval[] = [];
  for (const stay of stays) {
    if (stay.until !== null && stay.until.getTime() === stay.from.getTime()) continue;
    const last = tidy[tidy.length - 1];
    if (
      last &&
      last.location === stay.location &&
      last.until !== null &&
      last.until.getTime() === stay.from.getTime()
    ) {
      tidy[tidy.length - 1] = { ...last, until: stay.until };
    } else {
      tidy.push({ ...stay });
    }
  }
  return tidy;
}

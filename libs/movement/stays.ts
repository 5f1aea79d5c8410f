import type { MovementKind } from '#libs/movement/movement-kind.js';

/**
 * How far after a window stays() looks for the end of a stay still open when
 * the window closes (a stay's start is found however long ago it was).
 */
export const STAY_END_LOOKAHEAD_MS = 24 * 60 * 60 * 1000;

/** What stays are derived from: a person's movement events. */
export interface MovementPoint {
  id: string;
  location: string;
  kind: MovementKind | 'ENTRY' | 'EXIT';
  occurredAt: Date;
  recordedAt: Date;
}

/** A stay at one location; until is null while the stay is open. */
export interface StayInterval {
  location: string;
  from: Date;
  until: Date | null;
}

/**
 * The order the log is read in: occurredAt (events arrive late from offline
 * devices), then recording order, then id, so that equal instants still give
 * one answer everywhere (SQL uses the same keys).
 */
export function compareMovements(a: MovementPoint, b: MovementPoint): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    a.recordedAt.getTime() - b.recordedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * A person's stays, from their events in any order. A stay at L starts with an
 * ENTRY at L and ends at the EXIT from L or at the next ENTRY elsewhere,
 * whichever comes first. An ENTRY at the place the person is already in
 * continues the stay (a double scan); an EXIT from a place the person is not
 * in changes nothing.
 */
export function deriveStays(events: readonly MovementPoint[]): StayInterval[] {
  const ordered = [...events].sort(compareMovements);
  const stays: StayInterval[] = [];
  let open: StayInterval | null = null;
  for (const event of ordered) {
    if (event.kind === 'ENTRY') {
      if (open && open.location === event.location) continue;
      if (open) open.until = event.occurredAt;
      open = { location: event.location, from: event.occurredAt, until: null };
      stays.push(open);
    } else if (open && open.location === event.location) {
      open.until = event.occurredAt;
      open = null;
    }
  }
  return stays;
}

/** The stays that overlap [from, to), unclipped. */
export function staysWithin(stays: readonly StayInterval[], from: Date, to: Date): StayInterval[] {
  return stays.filter(
    (s) =>
      s.from.getTime() < to.getTime() && (s.until === null || s.until.getTime() > from.getTime()),
  );
}

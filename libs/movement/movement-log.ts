import type { EntityManager } from 'typeorm';
import type { MovementKind } from '#libs/movement/movement-kind.js';
import { MovementSql } from '#libs/sql/movement.sql.js';

/** An event to append; its id makes the append idempotent. */
export interface NewMovementEvent {
  id: string;
  personId: string;
  location: string;
  kind: MovementKind;
  occurredAt: Date;
  source: string;
}

export interface StoredMovementEvent extends NewMovementEvent {
  recordedAt: Date;
  hash: string;
  chain: number;
  seq: number;
}

/**
 * The movement log's published write side: other services append inside their
 * own transaction (a check-in and its ENTRY commit together or not at all), in
 * one round trip, through the owner's movement.append_events (migration
 * 1764300001301): it skips ids already stored (idempotent), locks the heads of
 * the chains it touches in ascending order (concurrent writers never fork a
 * chain nor deadlock), hashes each event onto its chain and writes it. No
 * service may write the log's tables itself. Times are kept to the millisecond.
 * Append once per transaction (all its events in one call), so chain locks are
 * always taken in ascending order.
 */
export async function appendMovementEvents(
  manager: Pick<EntityManager, 'query'>,
  events: readonly NewMovementEvent[],
): Promise<{ appended: StoredMovementEvent[]; existingIds: string[] }> {
  if (events.length === 0) return { appended: [], existingIds: [] };
  // Stored as uuid, given back as lower-case text.
  // Fields named, not spread: a spread per event of a batch of 5,000 is measurable.
  events = events.map((e) => ({
    id: e.id.toLowerCase(),
    personId: e.personId.toLowerCase(),
    location: e.location,
    kind: e.kind,
    occurredAt: e.occurredAt,
    source: e.source,
  }));
  // Each column as one array literal built here: pg's generic array serialisation (type
  // checks and escaping per element, a Date conversion each) cost ~10 µs an event.
  const rows: { id: string; chain: number; seq: string; recorded_at: Date; hash: string }[] =
    await manager.query(MovementSql.published.appendEvents, [
      arrayLiteral(events, (e) => e.id),
      arrayLiteral(events, (e) => e.personId),
      arrayLiteral(events, (e) => e.location),
      arrayLiteral(events, (e) => e.kind),
      arrayLiteral(events, (e) => e.occurredAt.toISOString()),
      arrayLiteral(events, (e) => e.source),
    ]);
  const written = new Map(rows.map((r) => [r.id, r]));
  const appended: StoredMovementEvent[] = [];
  const existingIds: string[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    // An id given twice in one call is appended once, as given first.
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const row = written.get(event.id);
    if (!row) {
      existingIds.push(event.id);
      continue;
    }
    appended.push({
      id: event.id,
      personId: event.personId,
      location: event.location,
      kind: event.kind,
      occurredAt: event.occurredAt,
      source: event.source,
      recordedAt: row.recorded_at,
      hash: row.hash,
      chain: row.chain,
      seq: Number(row.seq),
    });
  }
  return { appended, existingIds };
}

/**
 * The person's latest movement at a location, in occurredAt order (then recording
 * order), from the owner's view movement.movements.
 */
export async function lastMovementAt(
  manager: Pick<EntityManager, 'query'>,
  personId: string,
  location: string,
): Promise<{ kind: MovementKind; occurredAt: Date } | null> {
  const rows: { kind: MovementKind; occurred_at: Date }[] = await manager.query(
    MovementSql.published.lastMovementAt,
    [personId, location],
  );
  return rows[0] ? { kind: rows[0].kind, occurredAt: rows[0].occurred_at } : null;
}

/** Characters a quoted element of a PostgreSQL array literal must escape. */
const NEEDS_ESCAPE = /["\\]/;

/**
 * A PostgreSQL array literal of text values (no nulls): every element quoted, so commas,
 * braces, spaces and the word NULL stay text; a quote or a backslash is escaped.
 */
export function arrayLiteral<T>(items: readonly T[], value: (item: T) => string): string {
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    const text = value(items[i]);
    parts[i] = NEEDS_ESCAPE.test(text) ? `"${text.replace(/["\\]/g, '\\$&')}"` : `"${text}"`;
  }
  return `{${parts.join(',')}}`;
}

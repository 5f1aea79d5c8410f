import type { EntityManager } from 'typeorm';
import { chainOf, eventHash } from '#libs/movement/chain.js';
import type { MovementKind } from '#libs/movement/movement-kind.js';

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

interface EventRow {
  id: string;
  person_id: string;
  location: string;
  kind: MovementKind;
  occurred_at: Date;
  recorded_at: Date;
  source: string;
  hash: string;
  chain: number;
  seq: string;
}

export const toStoredEvent = (r: EventRow): StoredMovementEvent => ({
  id: r.id,
  personId: r.person_id,
  location: r.location,
  kind: r.kind,
  occurredAt: r.occurred_at,
  recordedAt: r.recorded_at,
  source: r.source,
  hash: r.hash,
  chain: r.chain,
  seq: Number(r.seq),
});

/**
 * The movement log's published write side: other services append inside
 * their own transaction (a check-in and its ENTRY commit together or not at
 * all). Each chain's head row is locked while appending, so concurrent writers
 * never fork a chain; chains are locked in ascending order so two writers
 * never deadlock. Events whose id is already stored are skipped (idempotent).
 */
export async function appendMovementEvents(
  manager: EntityManager,
  events: readonly NewMovementEvent[],
): Promise<{ appended: StoredMovementEvent[]; existingIds: string[] }> {
  if (events.length === 0) return { appended: [], existingIds: [] };
  // Stored as uuid, hashed as text: hash the form the database gives back.
  events = events.map((e) => ({
    ...e,
    id: e.id.toLowerCase(),
    personId: e.personId.toLowerCase(),
  }));
  const chainOfEvent = new Map(events.map((e) => [e.id, chainOf(e.location)]));
  const touched = [...new Set(chainOfEvent.values())].sort((a, b) => a - b);
  // One round trip claims the ids (a replayed id is skipped) and locks the heads of the
  // chains the events go to, in ascending order, so two writers never deadlock on heads.
  const [claim]: {
    claimed: string[];
    heads: { chain: number; head_hash: string; head_seq: string | number; now: string }[];
  }[] = await manager.query(
    `WITH claimed AS (
       INSERT INTO movement.event_ids (id, occurred_at)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[])
       ON CONFLICT (id) DO NOTHING RETURNING id),
     heads AS (
       SELECT chain, head_hash, head_seq, clock_timestamp() AS now FROM movement.chains
       WHERE chain = ANY($3::smallint[]) ORDER BY chain FOR UPDATE)
     SELECT (SELECT coalesce(array_agg(id), '{}') FROM claimed) AS claimed,
            (SELECT json_agg(h ORDER BY h.chain) FROM heads h) AS heads`,
    [events.map((e) => e.id), events.map((e) => e.occurredAt), touched],
  );
  const fresh = new Set(claim.claimed);
  // An id given twice in one call is appended once.
  const toAppend = events.filter((e) => fresh.delete(e.id));
  const appendedIds = new Set(toAppend.map((e) => e.id));
  const existingIds = events.filter((e) => !appendedIds.has(e.id)).map((e) => e.id);
  if (toAppend.length === 0) return { appended: [], existingIds };

  const byChain = new Map<number, NewMovementEvent[]>();
  for (const event of toAppend) {
    const chain = chainOfEvent.get(event.id) as number;
    const list = byChain.get(chain);
    if (list) list.push(event);
    else byChain.set(chain, [event]);
  }
  const heads = claim.heads
    .filter((h) => byChain.has(h.chain))
    .map((h) => ({ ...h, now: new Date(h.now) }));
  const appended: StoredMovementEvent[] = [];
  const headUpdates: { chain: number; hash: string; seq: number }[] = [];
  for (const head of heads) {
    let previous = head.head_hash;
    let seq = Number(head.head_seq);
    const recordedAt = head.now;
    for (const event of byChain.get(head.chain) ?? []) {
      seq += 1;
      const hash = eventHash(previous, {
        id: event.id,
        chain: head.chain,
        seq,
        personId: event.personId,
        location: event.location,
        kind: event.kind,
        occurredAt: event.occurredAt.toISOString(),
        recordedAt: recordedAt.toISOString(),
        source: event.source,
      });
      appended.push({ ...event, recordedAt, hash, chain: head.chain, seq });
      previous = hash;
    }
    headUpdates.push({ chain: head.chain, hash: previous, seq });
  }
  // One round trip writes the events, moves the heads and keeps each person's latest event
  // (rows in person order, newer events only: the log itself is never updated).
  await manager.query(
    `WITH written AS (
       INSERT INTO movement.events
         (id, chain, seq, person_id, location, kind, occurred_at, recorded_at, source, prev_hash, hash)
       SELECT e.id, e.chain, e.seq, e.person_id, e.location, e.kind, e.occurred_at, e.recorded_at,
              e.source, e.prev_hash, e.hash
       FROM unnest($1::uuid[], $2::smallint[], $3::bigint[], $4::uuid[], $5::text[], $6::text[],
                   $7::timestamptz[], $8::timestamptz[], $9::text[], $10::text[], $11::text[])
         AS e(id, chain, seq, person_id, location, kind, occurred_at, recorded_at, source, prev_hash, hash)),
     latest AS (
       INSERT INTO movement.latest AS l (person_id, event_id, location, kind, occurred_at, recorded_at)
       SELECT DISTINCT ON (u.person_id) u.person_id, u.event_id, u.location, u.kind, u.occurred_at, u.recorded_at
       FROM unnest($4::uuid[], $1::uuid[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
         AS u(person_id, event_id, location, kind, occurred_at, recorded_at)
       ORDER BY u.person_id, u.occurred_at DESC, u.recorded_at DESC, u.event_id DESC
       ON CONFLICT (person_id) DO UPDATE
         SET event_id = excluded.event_id, location = excluded.location, kind = excluded.kind,
             occurred_at = excluded.occurred_at, recorded_at = excluded.recorded_at
         WHERE (excluded.occurred_at, excluded.recorded_at, excluded.event_id)
             > (l.occurred_at, l.recorded_at, l.event_id))
     UPDATE movement.chains c SET head_hash = u.hash, head_seq = u.seq
     FROM unnest($12::smallint[], $13::text[], $14::bigint[]) AS u(chain, hash, seq)
     WHERE c.chain = u.chain`,
    [
      appended.map((e) => e.id),
      appended.map((e) => e.chain),
      appended.map((e) => e.seq),
      appended.map((e) => e.personId),
      appended.map((e) => e.location),
      appended.map((e) => e.kind),
      appended.map((e) => e.occurredAt),
      appended.map((e) => e.recordedAt),
      appended.map((e) => e.source),
      previousHashes(appended, heads),
      appended.map((e) => e.hash),
      headUpdates.map((h) => h.chain),
      headUpdates.map((h) => h.hash),
      headUpdates.map((h) => h.seq),
    ],
  );
  return { appended, existingIds };
}

function previousHashes(
  appended: StoredMovementEvent[],
  heads: { chain: number; head_hash: string }[],
): string[] {
  const last = new Map(heads.map((h) => [h.chain, h.head_hash]));
  return appended.map((e) => {
    const previous = last.get(e.chain) as string;
    last.set(e.chain, e.hash);
    return previous;
  });
}

/** The person's latest movement at a location, in occurredAt order (then recording order). */
export async function lastMovementAt(
  manager: EntityManager,
  personId: string,
  location: string,
): Promise<{ kind: MovementKind; occurredAt: Date } | null> {
  const rows: { kind: MovementKind; occurred_at: Date }[] = await manager.query(
    `SELECT kind, occurred_at FROM movement.events
     WHERE person_id = $1 AND location = $2 ORDER BY occurred_at DESC, recorded_at DESC, id DESC LIMIT 1`,
    [personId, location],
  );
  return rows[0] ? { kind: rows[0].kind, occurredAt: rows[0].occurred_at } : null;
}

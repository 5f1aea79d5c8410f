import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPEND_EVENTS as APPEND_EVENTS_BEFORE } from './1764300002400-movement-ingest-indexes.js';

/**
 * The log and the stays lose the index each kept on a random uuid alone: fewer index entries
 * written per event appended, in the B-trees whose inserts land on random pages.
 *
 * movement.events was keyed (id, occurred_at), beside an index on (occurred_at, id) for the
 * listings in time order. One is enough: the key is (occurred_at, id) now. An id stays unique
 * through movement.event_ids, which is what idempotency claims; an event found by id is found
 * through event_ids and then this key (libs/sql/movement.sql.ts, events.byIds).
 *
 * movement.stays was keyed entry_id, beside the person index (person_id, started_at,
 * start_recorded_at, entry_id) that every reader and the upkeep's probes use. The person index
 * is the key now; entry_id (an event id) is unique as the events' ids are. append_events is
 * the one of migration 1764300002400 but for one statement: a stay row ended sooner is found
 * again by that key instead of by entry_id.
 */
export class MovementLogKeys1764300002900 implements MigrationInterface {
  name = 'MovementLogKeys1764300002900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE movement.events DROP CONSTRAINT events_pkey`);
    await q.query(`ALTER TABLE movement.events ADD PRIMARY KEY (occurred_at, id)`);
    await q.query(`DROP INDEX movement.events_time_idx`);
    await q.query(`ALTER TABLE movement.stays DROP CONSTRAINT stays_pkey`);
    await q.query(`DROP INDEX movement.stays_person_idx`);
    await q.query(
      `ALTER TABLE movement.stays ADD PRIMARY KEY (person_id, started_at, start_recorded_at, entry_id)
         INCLUDE (location, ended_at)`,
    );
    await q.query(APPEND_EVENTS);
  }

  async down(q: QueryRunner): Promise<void> {
    // append_events is kept: it finds a stay row by columns both sets of indexes serve.
    await q.query(`ALTER TABLE movement.stays DROP CONSTRAINT stays_pkey`);
    await q.query(`ALTER TABLE movement.stays ADD PRIMARY KEY (entry_id)`);
    await q.query(
      `CREATE INDEX stays_person_idx ON movement.stays
         (person_id, started_at, start_recorded_at, entry_id) INCLUDE (location, ended_at)`,
    );
    await q.query(`CREATE INDEX events_time_idx ON movement.events (occurred_at, id)`);
    await q.query(`ALTER TABLE movement.events DROP CONSTRAINT events_pkey`);
    await q.query(`ALTER TABLE movement.events ADD PRIMARY KEY (id, occurred_at)`);
  }
}

/**
 * The text of `before` with each [old, new] pair's old text, which must occur exactly once,
 * replaced by the new: a function that changes by a few lines is written once.
 */
function patched(before: string, changes: readonly (readonly [string, string])[]): string {
  return changes.reduce((text, [old, replacement]) => {
    const at = text.indexOf(old);
    if (at < 0 || text.indexOf(old, at + 1) >= 0) {
      throw new Error(`append_events: expected exactly one ${JSON.stringify(old)}`);
    }
    return text.slice(0, at) + replacement + text.slice(at + old.length);
  }, before);
}

/**
 * append_events of migration 1764300002400 but for the statement that ends a stay row
 * sooner: it carries the row's key (person, start, recorded, entry) from the probe of the
 * person's last earlier row and finds the row again by it, not by entry_id.
 */
const APPEND_EVENTS = patched(APPEND_EVENTS_BEFORE, [
  [
    'SELECT last.entry_id, min(f.at) AS at',
    `SELECT f.person_id, last.started_at, last.start_recorded_at, last.entry_id,
                 min(f.at) AS at`,
  ],
  [
    'SELECT p.entry_id, p.location, p.ended_at FROM movement.stays p',
    `SELECT p.started_at, p.start_recorded_at, p.entry_id, p.location, p.ended_at
            FROM movement.stays p`,
  ],
  [
    'GROUP BY last.entry_id) cut',
    'GROUP BY f.person_id, last.started_at, last.start_recorded_at, last.entry_id) cut',
  ],
  [
    'WHERE s.entry_id = cut.entry_id;',
    `WHERE s.person_id = cut.person_id AND s.started_at = cut.started_at
          AND s.start_recorded_at = cut.start_recorded_at AND s.entry_id = cut.entry_id;`,
  ],
]);

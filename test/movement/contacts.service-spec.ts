import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { findContacts } from '#libs/movement/contacts.js';
import { appendMovementEvents } from '#libs/movement/movement-log.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import { bruteForceContacts } from '#test/movement/brute-force.js';
import { given, movementTestDatabase, type MovementTestDatabase } from '#test/movement/support.js';

const PLACES = ['HOTEL-1', 'VENUE-A', 'BUS-1', 'DINING-1'];
const HOUR = 3_600_000;

interface StoredRow {
  id: string;
  person_id: string;
  location: string;
  kind: MovementKind;
  occurred_at: Date;
  recorded_at: Date;
}

void describe('contacts', () => {
  let db: MovementTestDatabase;
  let people: string[];
  let run = 0;

  before(async () => {
    db = await movementTestDatabase('movement_contacts');
    const org = await given.organisation(db.dataSource);
    people = (await given.people(db.dataSource, org, 6)).map((p) => p.id);
  });
  after(async () => {
    await db?.close();
  });

  /** Appends the events, in several batches (so recording order differs from time order). */
  async function load(
    base: number,
    events: { p: number; place: number; exit: boolean; second: number; batch: number }[],
  ) {
    const batches = new Map<number, typeof events>();
    for (const e of events) batches.set(e.batch, [...(batches.get(e.batch) ?? []), e]);
    const ids: string[] = [];
    for (const [, list] of [...batches].sort((a, b) => a[0] - b[0])) {
      const rows = list.map((e) => ({
        id: randomUUID(),
        personId: people[e.p],
        location: PLACES[e.place],
        kind: e.exit ? MovementKind.EXIT : MovementKind.ENTRY,
        occurredAt: new Date(base + e.second * 1000),
        source: 'property test',
      }));
      ids.push(...rows.map((r) => r.id));
      await db.dataSource.transaction((m) => appendMovementEvents(m, rows));
    }
    const stored: StoredRow[] = await db.dataSource.query(
      `SELECT id, person_id, location, kind, occurred_at, recorded_at FROM movement.events WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return stored.map((r) => ({
      id: r.id,
      personId: r.person_id,
      location: r.location,
      kind: r.kind,
      occurredAt: r.occurred_at,
      recordedAt: r.recorded_at,
    }));
  }

  void it('finds what a brute-force computation over everyone’s stays finds, on random logs', async () => {
    const event = fc.record({
      p: fc.integer({ min: 0, max: 3 }),
      place: fc.integer({ min: 0, max: PLACES.length - 1 }),
      exit: fc.boolean(),
      // Ten hours, to the second; a few events share an instant.
      second: fc.oneof(fc.integer({ min: 0, max: 36_000 }), fc.constantFrom(0, 600, 3600, 7200)),
      batch: fc.integer({ min: 0, max: 3 }),
    });
    let found = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 10, maxLength: 80 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: -3600, max: 36_000 }),
        fc.integer({ min: 60, max: 40_000 }),
        fc.constantFrom(0, 1, 5, 15, 30, 60),
        async (events, subject, start, length, minMinutes) => {
          // Each run lives on a day of its own, further apart than the lookback.
          run += 1;
          const base = Date.UTC(2021, 0, 1) + run * 3 * 24 * HOUR;
          const stored = await load(base, events);
          const from = new Date(base + start * 1000);
          const to = new Date(from.getTime() + length * 1000);
          const actual = await findContacts(
            db.dataSource.manager,
            people[subject],
            from,
            to,
            minMinutes,
          );
          const expected = bruteForceContacts(stored, people[subject], from, to, minMinutes);
          assert.deepEqual(actual, expected);
          if (expected.length > 0) found += 1;
        },
      ),
      { numRuns: 150 },
    );
    // The generator must produce real overlaps, not only empty answers.
    assert.ok(found > 30, `only ${found} runs had contacts`);
  });

  void it('sums encounters over places, keeps those at or above minMinutes, most minutes first', async () => {
    const base = Date.UTC(2020, 0, 1);
    const t = (minutes: number) => new Date(base + minutes * 60_000);
    const [subject, long, short, elsewhere] = people;
    const rows = [
      [subject, 'HOTEL-1', 'ENTRY', 0],
      [subject, 'BUS-1', 'ENTRY', 60], // ends the hotel stay without an EXIT
      [subject, 'BUS-1', 'EXIT', 90],
      [long, 'HOTEL-1', 'ENTRY', 10],
      [long, 'HOTEL-1', 'EXIT', 50], // 40 minutes in the hotel
      [long, 'BUS-1', 'ENTRY', 80], // and 10 on the bus
      [short, 'BUS-1', 'ENTRY', 85],
      [elsewhere, 'VENUE-A', 'ENTRY', 0],
    ].map(([personId, location, kind, minute]) => ({
      id: randomUUID(),
      personId: personId as string,
      location: location as string,
      kind: kind as MovementKind,
      occurredAt: t(minute as number),
      source: 'example',
    }));
    await db.dataSource.transaction((m) => appendMovementEvents(m, rows));
    const contacts = await findContacts(db.dataSource.manager, subject, t(0), t(120), 15);
    assert.deepEqual(
      contacts.map((c) => [
        c.personId,
        c.totalMinutes,
        c.encounters.map((e) => `${e.location}:${e.minutes}`),
      ]),
      [[long, 50, ['HOTEL-1:40', 'BUS-1:10']]],
    );
    const all = await findContacts(db.dataSource.manager, subject, t(0), t(120), 0);
    assert.deepEqual(
      all.map((c) => [c.personId, c.totalMinutes]),
      [
        [long, 50],
        [short, 5],
      ],
    );
  });
});

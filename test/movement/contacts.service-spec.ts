import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { compensationFor } from '#libs/movement/annulment.js';
import { findContacts, type ContactRecord } from '#libs/movement/contacts.js';
import { appendMovementEvents } from '#libs/movement/movement-log.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import { MovementSql } from '#libs/sql/movement.sql.js';
import {
  bruteForceContacts,
  bruteForceStays,
  joinedStays,
  type OracleEvent,
  type OracleStay,
} from '#test/movement/brute-force.js';
import { given, movementTestDatabase, type MovementTestDatabase } from '#test/movement/support.js';

const PLACES = ['HOTEL-1', 'VENUE-A', 'BUS-1', 'DINING-1'];
/** Places of the sparse multi-day runs only. */
const ROOMS = ['ROOM-1', 'ROOM-2', 'ROOM-3'];
const HOUR = 3_600_000;

/**
 * The other answers of one trace agree with its whole answer: the totals alone (no
 * encounters read), and the first contacts of it, with and without encounters.
 */
async function assertShorterAnswersAgree(
  manager: MovementTestDatabase['dataSource']['manager'],
  query: [string, Date, Date, number],
  whole: ContactRecord[],
): Promise<void> {
  const totals = (contacts: ContactRecord[]) =>
    contacts.map((c) => ({ ...c, encounters: [] as ContactRecord['encounters'] }));
  assert.deepEqual(await findContacts(manager, ...query, { encounters: false }), totals(whole));
  for (const first of [1, 2, Math.ceil(whole.length / 2)]) {
    if (first < 1) continue;
    assert.deepEqual(await findContacts(manager, ...query, { first }), whole.slice(0, first));
    assert.deepEqual(
      await findContacts(manager, ...query, { first, encounters: false }),
      totals(whole.slice(0, first)),
    );
  }
}

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

  /** Every event in the log, however old (stays never end by age), as the oracle reads them. */
  async function everything(): Promise<OracleEvent[]> {
    const stored: StoredRow[] = await db.dataSource.query(
      `SELECT id, person_id, location, kind, occurred_at, recorded_at FROM movement.events`,
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

  /** Appends what undoes the event (libs/movement/annulment.ts); the ids it appended. */
  async function annul(eventId: string): Promise<string[]> {
    const log = await everything();
    const annulled = log.find((e) => e.id === eventId);
    assert.ok(annulled);
    const undo = compensationFor(
      log
        .filter((e) => e.personId === annulled.personId)
        .map((e) => ({ ...e, kind: e.kind as MovementKind })),
      { ...annulled, kind: annulled.kind as MovementKind },
    );
    // The log breaks ties of instant and recording by id: ascending ids keep the order.
    const ids = undo.map(() => randomUUID()).sort();
    await db.dataSource.transaction((m) =>
      appendMovementEvents(
        m,
        undo.map((u, i) => ({
          id: ids[i],
          personId: annulled.personId,
          location: u.location,
          kind: u.kind as MovementKind,
          occurredAt: annulled.occurredAt,
          source: 'annulment',
        })),
      ),
    );
    return ids;
  }

  /**
   * The stays table (kept by every append) against the oracle's stays from the raw log,
   * and row for row against the table rebuilt from the whole log at once.
   */
  async function assertStaysMatchLog(log: readonly OracleEvent[]): Promise<number> {
    const rows: {
      entry_id: string;
      person_id: string;
      location: string;
      started_at: Date;
      ended_at: Date | null;
    }[] = await db.dataSource.query(
      `SELECT entry_id, person_id, location, started_at, ended_at FROM movement.stays
       ORDER BY person_id, started_at, start_recorded_at, entry_id`,
    );
    const table = new Map<string, OracleStay[]>();
    for (const r of rows) {
      const list = table.get(r.person_id) ?? [];
      list.push({
        location: r.location,
        f: r.started_at.getTime(),
        u: r.ended_at?.getTime() ?? Infinity,
      });
      table.set(r.person_id, list);
    }
    const fromTable = new Map(
      [...table]
        .map(([person, list]) => [person, joinedStays(list)] as const)
        .filter(([, list]) => list.length > 0),
    );
    assert.deepEqual(fromTable, bruteForceStays(log));
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT movement.rebuild_stays()`);
      const rebuilt = (await runner.query(
        `SELECT entry_id, person_id, location, started_at, ended_at FROM movement.stays
         ORDER BY person_id, started_at, start_recorded_at, entry_id`,
      )) as typeof rows;
      assert.deepEqual(rows, rebuilt);
    } finally {
      // The table stays as the appends kept it.
      await runner.rollbackTransaction();
      await runner.release();
    }
    return rows.filter(
      (r) => r.ended_at === null || r.ended_at.getTime() - r.started_at.getTime() > 24 * HOUR,
    ).length;
  }

  /** Events of the run recorded after an event of the same person that happened later. */
  function lateEvents(run: readonly OracleEvent[]): number {
    return run.filter((e) =>
      run.some(
        (o) =>
          o.personId === e.personId &&
          o.occurredAt.getTime() > e.occurredAt.getTime() &&
          o.recordedAt.getTime() < e.recordedAt.getTime(),
      ),
    ).length;
  }

  /** Appends the events, in several batches (so recording order differs from time order). */
  async function load(
    base: number,
    events: {
      p: number;
      place: number;
      exit: boolean;
      second: number;
      batch: number;
      annul?: boolean;
    }[],
    who: readonly string[] = people,
    places: readonly string[] = PLACES,
  ) {
    const batches = new Map<number, typeof events>();
    for (const e of events) batches.set(e.batch, [...(batches.get(e.batch) ?? []), e]);
    const ids: string[] = [];
    const annulled: string[] = [];
    for (const [, list] of [...batches].sort((a, b) => a[0] - b[0])) {
      const rows = list.map((e) => ({
        id: randomUUID(),
        personId: who[e.p],
        location: places[e.place],
        kind: e.exit ? MovementKind.EXIT : MovementKind.ENTRY,
        occurredAt: new Date(base + e.second * 1000),
        source: 'property test',
      }));
      ids.push(...rows.map((r) => r.id));
      await db.dataSource.transaction((m) => appendMovementEvents(m, rows));
      rows.forEach((r, i) => {
        if (list[i].annul) annulled.push(r.id);
      });
    }
    // Annulled scans, undone as the inspection service does: compensating events at the
    // annulled one's instant, recorded after everything above (late, out of order).
    for (const annulledId of annulled) ids.push(...(await annul(annulledId)));
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
      // Now and then a scan annulled afterwards (compensating events, recorded last).
      annul: fc.integer({ min: 0, max: 12 }).map((n) => n === 0),
    });
    let found = 0;
    let late = 0;
    let annulments = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 10, maxLength: 80 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: -3600, max: 36_000 }),
        fc.integer({ min: 60, max: 40_000 }),
        fc.constantFrom(0, 1, 5, 15, 30, 60),
        async (events, subject, start, length, minMinutes) => {
          // Each run lives on days of its own; stays left open by earlier runs still count.
          run += 1;
          const base = Date.UTC(2021, 0, 1) + run * 3 * 24 * HOUR;
          const loaded = await load(base, events);
          const stored = await everything();
          await assertStaysMatchLog(stored);
          if (lateEvents(loaded) > 0) late += 1;
          // Compensation appended: an annulment that changed what the log means.
          if (loaded.length > events.length) annulments += 1;
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
          await assertShorterAnswersAgree(
            db.dataSource.manager,
            [people[subject], from, to, minMinutes],
            expected,
          );
          if (expected.length > 0) found += 1;
        },
      ),
      { numRuns: 150 },
    );
    // The generator must produce real overlaps, not only empty answers, late events and
    // annulments.
    assert.ok(found > 30, `only ${found} runs had contacts`);
    assert.ok(late > 50, `only ${late} runs had late events`);
    assert.ok(annulments > 30, `only ${annulments} runs had an annulment undone`);
  });

  void it('finds stays begun days before the window with no event since (sparse multi-day logs, late events)', async () => {
    const org = await given.organisation(db.dataSource);
    const lodgers = (await given.people(db.dataSource, org, 5)).map((p) => p.id);
    const DAY_S = 24 * 3600;
    const event = fc.record({
      p: fc.integer({ min: 0, max: 4 }),
      place: fc.integer({ min: 0, max: 2 }),
      // Mostly entries: stays that stay open for days.
      exit: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      // Six days, sparse: a few events a day at most; some at the same instants.
      second: fc.oneof(
        fc.integer({ min: 0, max: 6 * DAY_S }),
        fc.constantFrom(0, DAY_S, 4 * DAY_S, 5 * DAY_S + 3600),
      ),
      // Later batches are recorded later: an event that happened days ago may arrive last.
      batch: fc.integer({ min: 0, max: 3 }),
      annul: fc.integer({ min: 0, max: 8 }).map((n) => n === 0),
    });
    let found = 0;
    let longAgo = 0;
    let longStays = 0;
    let late = 0;
    let sparseRun = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 3, maxLength: 14 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 4 * DAY_S, max: 6 * DAY_S }),
        fc.integer({ min: 60, max: DAY_S }),
        fc.constantFrom(0, 1, 15, 60),
        async (events, subject, start, length, minMinutes) => {
          sparseRun += 1;
          const base = Date.UTC(2023, 0, 1) + sparseRun * 8 * 24 * HOUR;
          const loaded = await load(base, events, lodgers, ROOMS);
          const stored = await everything();
          if ((await assertStaysMatchLog(stored)) > 0) longStays += 1;
          if (lateEvents(loaded) > 0) late += 1;
          const from = new Date(base + start * 1000);
          const to = new Date(from.getTime() + length * 1000);
          const actual = await findContacts(
            db.dataSource.manager,
            lodgers[subject],
            from,
            to,
            minMinutes,
          );
          const expected = bruteForceContacts(stored, lodgers[subject], from, to, minMinutes);
          assert.deepEqual(actual, expected);
          await assertShorterAnswersAgree(
            db.dataSource.manager,
            [lodgers[subject], from, to, minMinutes],
            expected,
          );
          if (expected.length > 0) found += 1;
          // A contact whose stay began more than a day before the window.
          if (
            expected.some((c) => c.encounters.some((e) => e.from.getTime() === from.getTime())) &&
            stored.some((e) => e.occurredAt.getTime() < from.getTime() - 24 * HOUR)
          ) {
            longAgo += 1;
          }
        },
      ),
      { numRuns: 80 },
    );
    assert.ok(found > 15, `only ${found} runs had contacts`);
    assert.ok(longAgo > 5, `only ${longAgo} runs had a stay begun days before the window`);
    assert.ok(longStays > 40, `only ${longStays} runs had stays longer than a day`);
    assert.ok(late > 20, `only ${late} runs had late events`);
  });

  void it('a lodger who entered four days ago and never left is a contact of an hour in the room', async () => {
    const org = await given.organisation(db.dataSource);
    const [lodger, visitor] = (await given.people(db.dataSource, org, 2)).map((p) => p.id);
    const base = Date.UTC(2024, 0, 1);
    const rows = [
      {
        personId: lodger,
        location: 'ROOM-9',
        kind: MovementKind.ENTRY,
        occurredAt: new Date(base),
      },
      {
        personId: visitor,
        location: 'ROOM-9',
        kind: MovementKind.ENTRY,
        occurredAt: new Date(base + 4 * 24 * HOUR),
      },
      {
        personId: visitor,
        location: 'ROOM-9',
        kind: MovementKind.EXIT,
        occurredAt: new Date(base + 4 * 24 * HOUR + HOUR),
      },
    ].map((r) => ({ ...r, id: randomUUID(), source: 'example' }));
    await db.dataSource.transaction((m) => appendMovementEvents(m, rows));
    const from = new Date(base + 4 * 24 * HOUR - HOUR);
    const to = new Date(base + 4 * 24 * HOUR + 2 * HOUR);
    const seenByVisitor = await findContacts(db.dataSource.manager, visitor, from, to, 15);
    assert.deepEqual(
      seenByVisitor.map((c) => [c.personId, c.totalMinutes]),
      [[lodger, 60]],
    );
    const seenByLodger = await findContacts(db.dataSource.manager, lodger, from, to, 15);
    assert.deepEqual(
      seenByLodger.map((c) => [c.personId, c.totalMinutes]),
      [[visitor, 60]],
    );
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

  void it("leaves the planner's settings of the caller's transaction as they were", async () => {
    const sorts = async (m: MovementTestDatabase['dataSource']['manager']) =>
      (await m.query<{ s: string }[]>(`SELECT current_setting('enable_sort') AS s`))[0].s;
    const from = new Date(Date.UTC(2020, 0, 1));
    const to = new Date(from.getTime() + HOUR);
    // The answers run through a function that disfavours sorts: the totals, the first contacts.
    const answers = [{ encounters: false }, { first: 10 }];
    await db.dataSource.transaction(async (m) => {
      for (const options of answers) {
        await findContacts(m, people[0], from, to, 15, options);
        assert.equal(await sorts(m), 'on');
      }
      await m.query(`SET LOCAL enable_sort = off`);
      for (const options of answers) {
        await findContacts(m, people[0], from, to, 15, options);
        assert.equal(await sorts(m), 'off');
      }
    });
    for (const options of answers) {
      await findContacts(db.dataSource.manager, people[0], from, to, 15, options);
      assert.equal(await sorts(db.dataSource.manager), 'on');
    }
  });

  void it('plans the totals and the first contacts with sorts disfavoured and without JIT, whatever the session has', async () => {
    // The statement each function runs is the caller's: these report what they were planned under.
    const planned = `(current_setting('enable_sort') = 'off')::int + 2 * (current_setting('jit') = 'off')::int AS total`;
    const usesEveryParameter = `WHERE $1::uuid IS NOT NULL OR $2::timestamptz IS NOT NULL
      OR $3::timestamptz IS NOT NULL OR $4::int IS NOT NULL OR $5::int IS NOT NULL`;
    const probes = [
      [
        MovementSql.published.contacts.totalsHashed,
        `SELECT NULL::uuid AS person_id, ${planned} ${usesEveryParameter}`,
      ],
      [
        MovementSql.published.contacts.firstWithEncountersHashed,
        `SELECT NULL::uuid AS person_id, ${planned}, NULL::text AS location,
           NULL::timestamptz AS f, NULL::timestamptz AS u, 0 AS minutes ${usesEveryParameter}`,
      ],
    ];
    await db.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL jit = on`);
      for (const [runner, probe] of probes) {
        const rows = await m.query<{ total: number }[]>(runner, [
          probe,
          people[0],
          new Date(),
          new Date(),
          15,
          null,
        ]);
        assert.deepEqual(
          rows.map((r) => r.total),
          [3],
        );
        const [{ jit }] = await m.query<{ jit: string }[]>(`SELECT current_setting('jit') AS jit`);
        assert.equal(jit, 'on', "the caller's setting is put back");
      }
    });
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { GraphQLError } from 'graphql';
import type { ApiKeyPrincipal, UserPrincipal } from '#libs/auth/principal.js';
import { ApiScope, Role } from '#libs/auth/roles.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import { generateSecrets } from '#libs/common/secrets.js';
import { CheckpointKeys, takeCheckpoint } from '#libs/movement/checkpoints.js';
import { ensurePartitions } from '#libs/movement/partitions.js';
import { occupancy } from '#libs/movement/presence.js';
import { verifyMovementLog } from '#libs/movement/verify.js';
import type { MovementsService } from '#apps/movement/movements.service.js';
import type { RecordMovementInput } from '#apps/movement/movement.types.js';
import {
  given,
  movementService,
  movementTestDatabase,
  type MovementTestDatabase,
} from '#test/movement/support.js';

const { ENTRY, EXIT } = MovementKind;

function apiKey(organisationId: string | null = null, name = 'Beijing Bus Co'): ApiKeyPrincipal {
  return {
    kind: 'apiKey',
    id: randomUUID(),
    name,
    scopes: [ApiScope.MOVEMENT_WRITE, ApiScope.MOVEMENT_READ],
    organisationId,
  };
}

const at = (iso: string) => new Date(iso);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

function input(
  fields: Partial<RecordMovementInput> & { personId?: string | null },
): RecordMovementInput {
  const made: RecordMovementInput = {
    id: randomUUID(),
    location: 'BUS-0042',
    kind: ENTRY,
    occurredAt: minutesAgo(10),
  };
  return Object.assign(made, fields);
}

async function rejects(promise: Promise<unknown>): Promise<GraphQLError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphQLError;
  }
  assert.fail('expected an error');
}

const fieldsOf = (error: GraphQLError) =>
  (error.extensions.fields as { field: string; message: string }[]).map((f) => f.field);

void describe('movement log', () => {
  let db: MovementTestDatabase;
  let service: MovementsService;
  let org: string;
  let otherOrg: string;
  let people: { id: string; cardNumber: string }[];
  let stranger: { id: string; cardNumber: string };
  const partner = apiKey();
  const single = () => 'input';
  const batch = (i: number) => `input[${i}]`;
  const count = async () => {
    const rows: { n: string }[] = await db.dataSource.query(
      `SELECT count(*) AS n FROM movement.events`,
    );
    return Number(rows[0].n);
  };

  before(async () => {
    db = await movementTestDatabase('movement_log');
    service = await movementService(db);
    org = await given.organisation(db.dataSource);
    otherOrg = await given.organisation(db.dataSource);
    people = await given.people(db.dataSource, org, 20);
    [stranger] = await given.people(db.dataSource, otherOrg, 1);
  });
  after(async () => {
    await db?.close();
  });

  void it('records by person id or by card number, with the caller as source and a chained hash', async () => {
    const [byId] = await service.record([input({ personId: people[0].id })], partner, single);
    assert.equal(byId.personId, people[0].id);
    assert.equal(byId.source, 'Beijing Bus Co');
    assert.match(byId.hash, /^[0-9a-f]{64}$/);
    const [byCard] = await service.record(
      [input({ cardNumber: people[1].cardNumber.replace(/^(\d{4})/, '$1 '), kind: EXIT })],
      partner,
      single,
    );
    assert.equal(byCard.personId, people[1].id);

    const [user]: { id: string }[] = await db.dataSource.query(
      `INSERT INTO identity.users (email, password_hash, roles) VALUES ('tracer@games.test', 'x', '{ADMIN}') RETURNING id`,
    );
    const admin: UserPrincipal = { kind: 'user', id: user.id, roles: [Role.ADMIN] };
    const [byUser] = await service.record([input({ personId: people[2].id })], admin, single);
    assert.equal(byUser.source, 'tracer@games.test');
  });

  void it('is idempotent by id: a replay returns the stored event and writes nothing', async () => {
    const event = input({ personId: people[3].id });
    const [first] = await service.record([event], partner, single);
    const before = await count();
    const [again] = await service.record([{ ...event }], partner, single);
    assert.deepEqual(again, first);
    const replayedInBatch = await service.record(
      [{ ...event }, input({ personId: people[3].id, occurredAt: minutesAgo(5) })],
      partner,
      batch,
    );
    assert.deepEqual(replayedInBatch[0], first);
    assert.equal(await count(), before + 1);
    const conflict = await rejects(
      service.record([{ ...event, location: 'HOTEL-9' }], partner, single),
    );
    assert.equal(conflict.extensions.code, 'CONFLICT');
  });

  void it('wants exactly one of personId and cardNumber, and names every bad field', async () => {
    const error = await rejects(
      service.record(
        [
          input({ personId: people[0].id, cardNumber: people[0].cardNumber }),
          input({}),
          input({ personId: people[0].id, id: 'not-a-uuid', location: '' }),
          input({ personId: people[0].id, occurredAt: new Date('nonsense') }),
          input({ personId: people[0].id, occurredAt: new Date(Date.now() + 86_400_000) }),
        ],
        partner,
        batch,
      ),
    );
    assert.equal(error.extensions.code, 'BAD_USER_INPUT');
    const fields = fieldsOf(error);
    for (const f of [
      'input[0].cardNumber',
      'input[1].personId',
      'input[2].id',
      'input[2].location',
      'input[3].occurredAt',
      'input[4].occurredAt',
    ]) {
      assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
    }
  });

  void it('writes a batch all or nothing: one unknown card and nothing is written', async () => {
    const before = await count();
    const rows = people.map((p) => input({ personId: p.id, location: 'DINING-1' }));
    rows.push(input({ cardNumber: '99999994' }));
    rows.push(input({ personId: randomUUID() }));
    const error = await rejects(service.record(rows, partner, batch));
    assert.equal(error.extensions.code, 'BAD_USER_INPUT');
    assert.deepEqual(fieldsOf(error), [`input[20].cardNumber`, `input[21].personId`]);
    assert.equal(await count(), before);
    const tooMany = await rejects(
      service.record(
        Array.from({ length: 5001 }, () => input({ personId: people[0].id })),
        partner,
        batch,
      ),
    );
    assert.equal(tooMany.extensions.code, 'BAD_USER_INPUT');
  });

  void it('records 5,000 events in one call', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      input({
        personId: people[i % people.length].id,
        location: `VENUE-${i % 97}`,
        kind: i % 2 === 0 ? ENTRY : EXIT,
        occurredAt: minutesAgo(60 + (i % 50)),
      }),
    );
    const before = await count();
    const recorded = await service.record(rows, partner, batch);
    assert.equal(recorded.length, 5000);
    assert.deepEqual(
      recorded.map((r) => r.id),
      rows.map((r) => r.id),
    );
    assert.equal(await count(), before + 5000);
  });

  void it('confines a key bound to an organisation to its own people', async () => {
    const noc = apiKey(org, 'NOC tool');
    const error = await rejects(service.record([input({ personId: stranger.id })], noc, single));
    assert.equal(error.extensions.code, 'BAD_USER_INPUT');
    assert.deepEqual(fieldsOf(error), ['input.personId']);
    const byCard = await rejects(
      service.record([input({ cardNumber: stranger.cardNumber })], noc, single),
    );
    assert.deepEqual(fieldsOf(byCard), ['input.cardNumber']);
    await service.record([input({ personId: stranger.id, location: 'SECRET-1' })], partner, single);
    const seen = await service.list({ location: 'SECRET-1' }, 10, null, noc);
    assert.equal(seen.totalCount, 0);
    const notFound = await rejects(service.stays(stranger.id, minutesAgo(60), new Date(), noc));
    assert.equal(notFound.extensions.code, 'NOT_FOUND');
  });

  void it('derives stays in occurredAt order, whatever order events arrived in', async () => {
    const p = people[5].id;
    const record = (location: string, kind: MovementKind, iso: string) =>
      service.record(
        [input({ personId: p, location, kind, occurredAt: at(iso) })],
        partner,
        single,
      );
    await record('HOTEL-1', EXIT, '2022-02-02T08:00:00Z');
    await record('VENUE-A', ENTRY, '2022-02-02T09:00:00Z');
    await record('HOTEL-1', ENTRY, '2022-02-01T20:00:00Z');
    let stays = await service.stays(
      p,
      at('2022-02-01T00:00:00Z'),
      at('2022-02-03T00:00:00Z'),
      partner,
    );
    assert.deepEqual(
      stays.map((s) => [s.location, s.from.toISOString(), s.until?.toISOString() ?? null]),
      [
        ['HOTEL-1', '2022-02-01T20:00:00.000Z', '2022-02-02T08:00:00.000Z'],
        ['VENUE-A', '2022-02-02T09:00:00.000Z', null],
      ],
    );
    // A bus ride reported late by an offline device ends the venue stay (next ENTRY elsewhere).
    await record('BUS-7', ENTRY, '2022-02-02T12:00:00Z');
    await record('BUS-7', EXIT, '2022-02-02T12:30:00Z');
    stays = await service.stays(p, at('2022-02-01T00:00:00Z'), at('2022-02-03T00:00:00Z'), partner);
    assert.deepEqual(
      stays.map((s) => [s.location, s.until?.toISOString() ?? null]),
      [
        ['HOTEL-1', '2022-02-02T08:00:00.000Z'],
        ['VENUE-A', '2022-02-02T12:00:00.000Z'],
        ['BUS-7', '2022-02-02T12:30:00.000Z'],
      ],
    );
    // Still at the venue days later, with nothing recorded since: the stay is open.
    await record('VENUE-A', ENTRY, '2022-02-02T13:00:00Z');
    stays = await service.stays(p, at('2022-02-06T00:00:00Z'), at('2022-02-07T00:00:00Z'), partner);
    assert.deepEqual(
      stays.map((s) => [s.location, s.from.toISOString(), s.until]),
      [['VENUE-A', '2022-02-02T13:00:00.000Z', null]],
    );
    const bad = await rejects(
      service.stays(p, at('2022-02-03T00:00:00Z'), at('2022-02-01T00:00:00Z'), partner),
    );
    assert.equal(bad.extensions.code, 'BAD_USER_INPUT');
  });

  void it('lists movements filtered, in time order, a keyset page at a time', async () => {
    const p = people[6].id;
    const rows = Array.from({ length: 7 }, (_, i) =>
      input({ personId: p, location: 'PAGE-1', occurredAt: at(`2022-02-05T10:0${i}:00.123Z`) }),
    );
    await service.record([...rows].reverse(), partner, batch);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await service.list({ personId: p, location: 'PAGE-1' }, 3, cursor, partner);
      assert.equal(page.totalCount, 7);
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    assert.deepEqual(
      seen,
      rows.map((r) => r.id),
    );
    const window = await service.list(
      { personId: p, from: at('2022-02-05T10:02:00Z'), to: at('2022-02-05T10:04:00Z') },
      10,
      null,
      partner,
    );
    assert.equal(window.totalCount, 2);
    const badCursor = await rejects(service.list({}, 10, 'garbage', partner));
    assert.equal(badCursor.extensions.code, 'BAD_USER_INPUT');
    const badPerson = await rejects(service.list({ personId: 'x' }, 10, null, partner));
    assert.equal(badPerson.extensions.code, 'BAD_USER_INPUT');
  });

  void it('knows who is inside a place now, longest there first, and counts occupancy', async () => {
    const [a, b, c] = people.slice(7, 10).map((p) => p.id);
    await service.record(
      [
        input({ personId: a, location: 'VILLAGE-1', occurredAt: minutesAgo(50) }),
        input({ personId: b, location: 'VILLAGE-1', occurredAt: minutesAgo(40) }),
        input({ personId: c, location: 'VILLAGE-1', occurredAt: minutesAgo(30) }),
        input({ personId: c, location: 'VILLAGE-1', kind: EXIT, occurredAt: minutesAgo(20) }),
        input({ personId: b, location: 'VENUE-Z', occurredAt: minutesAgo(10) }),
      ],
      partner,
      batch,
    );
    // Late: a's EXIT reported now happened before a entered; a is still inside.
    await service.record(
      [input({ personId: a, location: 'VILLAGE-1', kind: EXIT, occurredAt: minutesAgo(55) })],
      partner,
      single,
    );
    let page = await service.presentAt('VILLAGE-1', 10, null, partner);
    assert.deepEqual(
      page.nodes.map((n) => n.personId),
      [a],
    );
    await service.record(
      [input({ personId: b, location: 'VILLAGE-1', occurredAt: minutesAgo(5) })],
      partner,
      single,
    );
    page = await service.presentAt('VILLAGE-1', 1, null, partner);
    assert.deepEqual(
      page.nodes.map((n) => n.personId),
      [a],
    );
    assert.equal(page.totalCount, 2);
    const next = await service.presentAt('VILLAGE-1', 1, page.pageInfo.endCursor, partner);
    assert.deepEqual(
      next.nodes.map((n) => n.personId),
      [b],
    );
    assert.equal(next.pageInfo.hasNextPage, false);
    const counts = await occupancy(db.dataSource.manager, ['VILLAGE-1', 'VENUE-Z', 'NOWHERE']);
    assert.deepEqual(
      [...counts],
      [
        ['VILLAGE-1', 2],
        ['VENUE-Z', 0],
        ['NOWHERE', 0],
      ],
    );
  });

  void it('never forks a chain under concurrent writers', async () => {
    const writes = Array.from({ length: 60 }, (_, i) =>
      service.record(
        [
          input({
            personId: people[i % people.length].id,
            location: 'GATE-CONCURRENT',
            occurredAt: minutesAgo(i),
          }),
        ],
        partner,
        single,
      ),
    );
    const results = await Promise.all(writes);
    const seqs = results.map(([e]) => e);
    assert.equal(new Set(seqs.map((e) => e.hash)).size, 60);
    const rows: { seq: string; prev_hash: string; hash: string }[] = await db.dataSource.query(
      `SELECT seq, prev_hash, hash FROM movement.events WHERE chain = (
         SELECT chain FROM movement.events WHERE location = 'GATE-CONCURRENT' LIMIT 1) ORDER BY seq`,
    );
    rows.forEach((row, i) => {
      assert.equal(Number(row.seq), i + 1);
      if (i > 0) assert.equal(row.prev_hash, rows[i - 1].hash);
    });
    const verification = await verifyMovementLog(db.dataSource, { batchSize: 500 });
    assert.equal(verification.problem, null);
    assert.equal(verification.valid, true);
    assert.equal(verification.eventsChecked, await count());
  });

  void it('refuses UPDATE, DELETE and TRUNCATE of events in the database itself', async () => {
    for (const sql of [
      `UPDATE movement.events SET location = 'ELSEWHERE'`,
      `DELETE FROM movement.events`,
      `TRUNCATE movement.events`,
      `DELETE FROM movement.event_ids`,
    ]) {
      await assert.rejects(db.dataSource.query(sql), /append-only/, sql);
    }
  });

  void it('creates monthly partitions ahead, and events land in theirs', async () => {
    const created = await ensurePartitions(
      db.dataSource.manager,
      new Date(Date.now() + 200 * 86_400_000),
    );
    assert.ok(created >= 3, `created ${created}`);
    assert.equal(
      await ensurePartitions(db.dataSource.manager, new Date(Date.now() + 200 * 86_400_000)),
      0,
    );
    // Each event lands in the partition of its own occurredAt's month (not of today's:
    // a minute ago is last month during the first minute of a month).
    const now = new Date();
    const midLastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 12));
    const events = await service.record(
      [
        input({ personId: people[0].id, occurredAt: minutesAgo(1) }),
        input({ personId: people[0].id, occurredAt: midLastMonth }),
      ],
      partner,
      batch,
    );
    const monthOf = (d: Date) =>
      `${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    for (const event of events) {
      const [row]: { partition: string }[] = await db.dataSource.query(
        `SELECT tableoid::regclass::text AS partition FROM movement.events WHERE id = $1`,
        [event.id],
      );
      assert.equal(row.partition, `movement.events_${monthOf(new Date(event.occurredAt))}`);
    }
    assert.notEqual(monthOf(midLastMonth), monthOf(now));
  });

  void it('signs a checkpoint of the heads only when they moved since the last one', async () => {
    const keys = CheckpointKeys.fromJwks((await generateSecrets()).MOVEMENT_CHECKPOINT_KEY);
    const forced = await takeCheckpoint(db.serviceDataSource, keys);
    assert.ok(forced);
    assert.equal(await takeCheckpoint(db.serviceDataSource, keys, { onlyIfChanged: true }), null);
    const [event] = await service.record(
      [input({ personId: people[1].id, location: 'GATE-CHECKPOINT' })],
      partner,
      single,
    );
    const moved = await takeCheckpoint(db.serviceDataSource, keys, { onlyIfChanged: true });
    assert.ok(moved?.content.heads.some((h) => h.hash === event.hash));
    const verification = await verifyMovementLog(db.serviceDataSource, { anchors: { keys } });
    assert.equal(verification.problem, null);
    assert.equal(verification.checkpointsChecked, 2);
  });

  void it('names the first event whose stored content was changed behind the application', async () => {
    const location = `GATE-FORGED-${randomUUID().slice(0, 8)}`;
    const recorded = await service.record(
      Array.from({ length: 20 }, (_, i) =>
        input({ personId: people[i % people.length].id, location, occurredAt: minutesAgo(i) }),
      ),
      partner,
      batch,
    );
    assert.equal(recorded.length, 20);
    assert.equal((await verifyMovementLog(db.dataSource)).valid, true);
    const [victim]: { id: string }[] = await db.dataSource.query(
      `SELECT id FROM movement.events WHERE location = $1 ORDER BY seq OFFSET 10 LIMIT 1`,
      [location],
    );
    await db.dataSource.transaction(async (m) => {
      await m.query(`ALTER TABLE movement.events DISABLE TRIGGER events_append_only`);
      await m.query(`UPDATE movement.events SET location = 'GATE-FORGED' WHERE id = $1`, [
        victim.id,
      ]);
      await m.query(`ALTER TABLE movement.events ENABLE TRIGGER events_append_only`);
    });
    const verification = await verifyMovementLog(db.dataSource, { batchSize: 100 });
    assert.equal(verification.valid, false);
    assert.equal(verification.firstInvalidEventId, victim.id);
    assert.equal(verification.eventsChecked, await count());
  });
});

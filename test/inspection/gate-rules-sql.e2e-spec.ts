import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import pg from 'pg';
import { runMigrations } from '#libs/database/migrate.js';
import {
  decide,
  DENIAL_REASON_ORDER,
  type AccreditationStatusCode,
  type GateFacts,
  type LoopStatusCode,
} from '#libs/inspection/gate-rules.js';
import { createTestDatabase, type TestDatabase } from '#test/support/database.js';

/**
 * The check-in's SQL path decides with inspection.gate_reasons (migration
 * 1764300001900), which must be decide() of libs/inspection/gate-rules.ts, reason
 * for reason and in the same order, on any facts. Generated facts lean towards the
 * admitted case and the edges (a scan at the very millisecond a validity or a test
 * falls due), so every reason is met alone as well as together with others.
 */
const STATUSES: AccreditationStatusCode[] = [
  'SUBMITTED',
  'APPROVED',
  'ACTIVE',
  'SUSPENDED',
  'REVOKED',
];
const LOOP: LoopStatusCode[] = ['OUTSIDE', 'IN_LOOP', 'CLOSE_CONTACT', 'ISOLATED', 'EXITED'];
const SCANNED = Date.parse('2022-02-04T12:00:00.000Z');

const mostly = <T>(usual: fc.Arbitrary<T>, any: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: usual }, { weight: 1, arbitrary: any });
/** An offset from the scan: mostly far, sometimes within a millisecond of it. */
const offset = (sign: 1 | -1) =>
  fc.oneof(
    fc.integer({ min: 1, max: 30 * 86_400_000 }).map((ms) => sign * ms),
    fc.constantFrom(-1, 0, 1),
  );

const factsArb: fc.Arbitrary<GateFacts> = fc
  .record({
    direction: mostly(fc.constant('IN' as const), fc.constantFrom('IN' as const, 'OUT' as const)),
    token: fc.oneof(
      fc.constant({ state: 'none' as const }),
      fc.constant({ state: 'invalid' as const }),
      fc.integer({ min: 1, max: 3 }).map((version) => ({ state: 'valid' as const, version })),
    ),
    known: mostly(fc.constant(true), fc.boolean()),
    status: mostly(fc.constant<AccreditationStatusCode>('ACTIVE'), fc.constantFrom(...STATUSES)),
    tokenVersion: fc.integer({ min: 1, max: 3 }),
    validFrom: mostly(offset(-1), offset(1)),
    validUntil: mostly(offset(1), offset(-1)),
    venues: mostly(fc.constant<string[]>(['*']), fc.subarray(['NST', 'YAN', '*'])),
    zones: mostly(fc.constant<string[]>(['1', '2']), fc.subarray(['1', '2', '*'])),
    area: fc.record({
      venueCode: fc.constantFrom('NST', 'YAN'),
      zone: fc.constantFrom('1', '2'),
      closedLoop: mostly(fc.constant(true), fc.boolean()),
    }),
    loop: mostly(fc.constant<LoopStatusCode>('IN_LOOP'), fc.constantFrom(...LOOP)),
    testDueBy: fc.option(fc.oneof(offset(1), offset(-1))),
    last: fc.constantFrom(null, 'ENTRY' as const, 'EXIT' as const),
  })
  .map((f): GateFacts => ({
    direction: f.direction,
    token: f.token,
    card: f.known
      ? {
          status: f.status,
          tokenVersion: f.tokenVersion,
          validFrom: new Date(SCANNED + f.validFrom),
          validUntil: new Date(SCANNED + f.validUntil),
          venues: f.venues,
          zones: f.zones,
        }
      : null,
    area: f.area,
    loop: {
      status: f.loop,
      testDueBy: f.testDueBy === null ? null : new Date(SCANNED + f.testDueBy),
    },
    lastMovementHere: f.last,
    scannedAt: new Date(SCANNED),
  }));

const GATE_REASONS = `SELECT inspection.gate_reasons($1, $2, $3::int, $4, $5, $6::int, $7::timestamptz,
  $8::timestamptz, $9::text[], $10::text[], $11, $12, $13, $14, $15::timestamptz, $16, $17::timestamptz) AS reasons`;

function parametersOf(f: GateFacts): unknown[] {
  const { card } = f;
  return [
    f.direction,
    f.token.state,
    f.token.state === 'valid' ? f.token.version : null,
    card !== null,
    card?.status ?? null,
    card?.tokenVersion ?? null,
    card?.validFrom ?? null,
    card?.validUntil ?? null,
    card?.venues ?? null,
    card?.zones ?? null,
    f.area.venueCode,
    f.area.zone,
    f.area.closedLoop,
    f.loop.status,
    f.loop.testDueBy,
    f.lastMovementHere,
    f.scannedAt,
  ];
}

void describe('the decision table in SQL', () => {
  let database: TestDatabase;
  let inspection: pg.Client;

  before(async () => {
    database = await createTestDatabase('gate_rules_sql');
    await runMigrations(database.roles.owner);
    // As the service calls it: with the inspection role.
    inspection = new pg.Client({ connectionString: database.roles.inspection });
    await inspection.connect();
  });
  after(async () => {
    await inspection?.end();
    await database?.drop();
  });

  const sqlReasons = async (facts: GateFacts) =>
    (await inspection.query<{ reasons: string[] }>(GATE_REASONS, parametersOf(facts))).rows[0]
      .reasons;

  void it('gives the reasons decide() gives, in its order, on any facts', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(factsArb, async (facts) => {
        const expected = decide(facts).reasons;
        for (const r of expected) seen.add(r);
        assert.deepEqual(await sqlReasons(facts), expected);
      }),
      { numRuns: 1500 },
    );
    // Every reason the server can give was met (the document ones belong to arrivals).
    const never = DENIAL_REASON_ORDER.filter(
      (r) => !seen.has(r) && r !== 'DOCUMENT_MISMATCH' && r !== 'NOT_APPROVED',
    );
    assert.deepEqual(never, []);
  });

  void it('records scans in one call: a person let through earlier in the call is left for the next', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const [org] = (
        await admin.query<{ id: string }>(
          `INSERT INTO accreditation.organisations (code, name, type) VALUES ('SQL', 'SQL path', 'NOC') RETURNING id`,
        )
      ).rows;
      await admin.query(
        `WITH p AS (
           INSERT INTO accreditation.people
             (organisation_id, given_name, family_name, date_of_birth, nationality, function, document_number)
           VALUES ($1, 'Ada', 'Lovelace', '1990-01-01', 'GBR', 'Athlete', 'P1') RETURNING id)
         INSERT INTO accreditation.accreditations
           (person_id, card_number, category, status, valid_from, valid_until, venues, zones)
         SELECT p.id, '10000018', 'Aa', 'ACTIVE', now() - interval '1 day', now() + interval '9 days', '{*}', '{*}'
         FROM p`,
        [org.id],
      );
      await admin.query(
        `INSERT INTO inspection.areas (code, name, kind, venue_code, zone, closed_loop)
         VALUES ('G1', 'Gate', 'VENUE', 'NST', '1', false)`,
      );
    } finally {
      await admin.end();
    }
    const call = async (scans: { id: string; card: string | null; direction: 'IN' | 'OUT' }[]) =>
      (
        await inspection.query<{
          ord: number;
          outcome: string;
          decision: string;
          reasons: string[];
          card_known: boolean;
          last_kind: string | null;
        }>(
          `SELECT * FROM inspection.check_in($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
             $6::int[], $7::uuid[], $8::timestamptz[], $9::text[], $10::text[], $11::text[])`,
          [
            scans.map((x) => x.id),
            scans.map(() => 'G1'),
            scans.map((x) => x.direction),
            scans.map((x) => x.card),
            scans.map(() => 'none'),
            scans.map(() => null),
            scans.map(() => null),
            scans.map(() => new Date()),
            scans.map(() => null),
            scans.map(() => null),
            scans.map((x) => x.id),
          ],
        )
      ).rows;
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const first = await call([
      { id: a, card: '10000018', direction: 'IN' },
      { id: b, card: '10000018', direction: 'IN' },
      { id: c, card: '99999997', direction: 'IN' },
    ]);
    assert.deepEqual(
      first.map((r) => [r.ord, r.outcome, r.decision, r.reasons]),
      [
        [1, 'recorded', 'ADMITTED', []],
        [2, 'retry', null, null],
        [3, 'recorded', 'DENIED', ['UNKNOWN_CARD']],
      ],
    );
    // The next call sees the first entry: the second IN is denied, as one after the other.
    const [again] = await call([{ id: b, card: '10000018', direction: 'IN' }]);
    assert.deepEqual(
      [again.outcome, again.reasons, again.last_kind],
      ['recorded', ['ALREADY_INSIDE'], 'ENTRY'],
    );
    const [replay] = await call([{ id: a, card: '10000018', direction: 'OUT' }]);
    assert.deepEqual([replay.outcome, replay.decision], ['replayed', 'ADMITTED']);
    await assert.rejects(
      inspection.query(
        `SELECT * FROM inspection.check_in('{}'::uuid[], '{G1}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}')`,
      ),
      /differ in length/,
    );
  });

  void it('admits with no reason, and is told apart from a denial', async () => {
    const admitted: GateFacts = {
      direction: 'IN',
      token: { state: 'valid', version: 2 },
      card: {
        status: 'ACTIVE',
        tokenVersion: 2,
        validFrom: new Date(SCANNED),
        validUntil: new Date(SCANNED),
        venues: ['NST'],
        zones: ['*'],
      },
      area: { venueCode: 'NST', zone: '1', closedLoop: true },
      loop: { status: 'CLOSE_CONTACT', testDueBy: new Date(SCANNED) },
      lastMovementHere: 'EXIT',
      scannedAt: new Date(SCANNED),
    };
    assert.deepEqual(await sqlReasons(admitted), []);
    const late = { ...admitted, scannedAt: new Date(SCANNED + 1) };
    assert.deepEqual(await sqlReasons(late), ['OUTSIDE_VALIDITY', 'TEST_OVERDUE']);
    assert.deepEqual(decide(late).reasons, ['OUTSIDE_VALIDITY', 'TEST_OVERDUE']);
  });
});

import assert from 'node:assert/strict';
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

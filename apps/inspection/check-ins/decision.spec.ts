import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import type { CardRecord } from '#libs/accreditation/card-lookup.js';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import { MovementKind } from '#libs/movement/movement-kind.js';
import {
  Decision,
  DenialReason as R,
  Direction,
} from '#apps/inspection/check-ins/check-in.type.js';
import { decide, type GateFacts } from '#apps/inspection/check-ins/decision.js';

const NOW = new Date('2022-02-04T12:00:00Z');
const HOUR = 3_600_000;

const card = (overrides: Partial<CardRecord> = {}): CardRecord => ({
  accreditationId: 'a',
  personId: 'p',
  organisationId: 'o',
  cardNumber: '1',
  status: AccreditationStatus.ACTIVE,
  validFrom: new Date(NOW.getTime() - 24 * HOUR),
  validUntil: new Date(NOW.getTime() + 24 * HOUR),
  venues: ['NST'],
  zones: ['1'],
  tokenVersion: 2,
  documentNumber: 'E1',
  ...overrides,
});

/** A scan that is admitted; each test changes one fact (or several). */
const facts = (overrides: Partial<GateFacts> = {}): GateFacts => ({
  direction: Direction.IN,
  token: { state: 'none' },
  card: card(),
  area: { venueCode: 'NST', zone: '1', closedLoop: true },
  loop: { status: ClosedLoopStatus.IN_LOOP, testDueBy: new Date(NOW.getTime() + HOUR) },
  lastMovementHere: null,
  scannedAt: NOW,
  ...overrides,
});

const reasons = (overrides: Partial<GateFacts>) => decide(facts(overrides)).reasons;

describe('the check-in decision table', () => {
  it('admits when no reason applies', () => {
    assert.deepEqual(decide(facts()), { decision: Decision.ADMITTED, reasons: [] });
    assert.deepEqual(reasons({ token: { state: 'valid', version: 2 } }), []);
    assert.deepEqual(reasons({ lastMovementHere: MovementKind.EXIT }), []);
    assert.deepEqual(reasons({ card: card({ venues: ['*'], zones: ['*'] }) }), []);
  });

  const rows: [string, Partial<GateFacts>, R[]][] = [
    ['UNKNOWN_CARD', { card: null }, [R.UNKNOWN_CARD]],
    [
      'INVALID_TOKEN alone, whatever else',
      { token: { state: 'invalid' }, card: null },
      [R.INVALID_TOKEN],
    ],
    ['SUPERSEDED_TOKEN', { token: { state: 'valid', version: 1 } }, [R.SUPERSEDED_TOKEN]],
    [
      'NOT_ACTIVE when SUBMITTED',
      { card: card({ status: AccreditationStatus.SUBMITTED }) },
      [R.NOT_ACTIVE],
    ],
    [
      'NOT_ACTIVE when APPROVED',
      { card: card({ status: AccreditationStatus.APPROVED }) },
      [R.NOT_ACTIVE],
    ],
    ['SUSPENDED', { card: card({ status: AccreditationStatus.SUSPENDED }) }, [R.SUSPENDED]],
    ['REVOKED', { card: card({ status: AccreditationStatus.REVOKED }) }, [R.REVOKED]],
    [
      'OUTSIDE_VALIDITY before',
      {
        scannedAt: new Date(NOW.getTime() - 25 * HOUR),
        loop: { status: ClosedLoopStatus.IN_LOOP, testDueBy: null },
      },
      [R.OUTSIDE_VALIDITY],
    ],
    [
      'OUTSIDE_VALIDITY after',
      { card: card({ validUntil: new Date(NOW.getTime() - 1) }) },
      [R.OUTSIDE_VALIDITY],
    ],
    ['NO_VENUE_ACCESS', { card: card({ venues: ['BNS'] }) }, [R.NO_VENUE_ACCESS]],
    ['NO_ZONE_ACCESS', { card: card({ zones: ['2'] }) }, [R.NO_ZONE_ACCESS]],
    [
      'NOT_IN_CLOSED_LOOP when OUTSIDE',
      { loop: { status: ClosedLoopStatus.OUTSIDE, testDueBy: null } },
      [R.NOT_IN_CLOSED_LOOP],
    ],
    [
      'NOT_IN_CLOSED_LOOP when EXITED',
      { loop: { status: ClosedLoopStatus.EXITED, testDueBy: null } },
      [R.NOT_IN_CLOSED_LOOP],
    ],
    [
      'ISOLATED',
      { loop: { status: ClosedLoopStatus.ISOLATED, testDueBy: new Date(NOW.getTime() + HOUR) } },
      [R.ISOLATED],
    ],
    [
      'TEST_OVERDUE',
      { loop: { status: ClosedLoopStatus.IN_LOOP, testDueBy: new Date(NOW.getTime() - 1) } },
      [R.TEST_OVERDUE],
    ],
    ['ALREADY_INSIDE', { lastMovementHere: MovementKind.ENTRY }, [R.ALREADY_INSIDE]],
  ];
  for (const [name, overrides, expected] of rows) {
    it(`denies ${name}`, () => {
      assert.deepEqual(decide(facts(overrides)), { decision: Decision.DENIED, reasons: expected });
    });
  }

  it('reports every reason that applies, in the enum order', () => {
    const all = reasons({
      token: { state: 'valid', version: 1 },
      card: card({
        status: AccreditationStatus.SUSPENDED,
        venues: [],
        zones: [],
        validUntil: new Date(NOW.getTime() - 1),
      }),
      loop: { status: ClosedLoopStatus.ISOLATED, testDueBy: new Date(NOW.getTime() - 1) },
      lastMovementHere: MovementKind.ENTRY,
    });
    assert.deepEqual(all, [
      R.SUPERSEDED_TOKEN,
      R.SUSPENDED,
      R.OUTSIDE_VALIDITY,
      R.NO_VENUE_ACCESS,
      R.NO_ZONE_ACCESS,
      R.ISOLATED,
      R.TEST_OVERDUE,
      R.ALREADY_INSIDE,
    ]);
    assert.deepEqual(
      reasons({
        card: card({ validUntil: new Date(NOW.getTime() - 1) }),
        loop: { status: ClosedLoopStatus.IN_LOOP, testDueBy: new Date(NOW.getTime() - 1) },
      }),
      [R.OUTSIDE_VALIDITY, R.TEST_OVERDUE],
    );
    assert.deepEqual(
      reasons({
        card: card({ status: AccreditationStatus.APPROVED }),
        loop: { status: ClosedLoopStatus.OUTSIDE, testDueBy: null },
      }),
      [R.NOT_ACTIVE, R.NOT_IN_CLOSED_LOOP],
    );
  });

  it('leaves the loop rules to closed-loop areas', () => {
    const open = { venueCode: 'NST', zone: '1', closedLoop: false };
    assert.deepEqual(
      reasons({ area: open, loop: { status: ClosedLoopStatus.OUTSIDE, testDueBy: null } }),
      [],
    );
    assert.deepEqual(
      reasons({ area: open, loop: { status: ClosedLoopStatus.IN_LOOP, testDueBy: new Date(0) } }),
      [],
    );
    assert.deepEqual(
      reasons({ area: open, loop: { status: ClosedLoopStatus.ISOLATED, testDueBy: null } }),
      [R.ISOLATED],
    );
  });

  it('times the rules by scannedAt, at the boundaries', () => {
    const c = card();
    assert.deepEqual(
      reasons({
        scannedAt: c.validUntil,
        loop: { status: ClosedLoopStatus.IN_LOOP, testDueBy: null },
      }),
      [],
    );
    const due = new Date(NOW.getTime() + HOUR);
    assert.deepEqual(
      reasons({ scannedAt: due, loop: { status: ClosedLoopStatus.IN_LOOP, testDueBy: due } }),
      [],
    );
    assert.deepEqual(
      reasons({
        scannedAt: new Date(due.getTime() + 1),
        loop: { status: ClosedLoopStatus.IN_LOOP, testDueBy: due },
      }),
      [R.TEST_OVERDUE],
    );
  });

  it('admits an OUT scan of a known card whatever its state; an unknown card is still unknown', () => {
    const out = {
      direction: Direction.OUT,
      card: card({ status: AccreditationStatus.REVOKED, venues: [] }),
      loop: { status: ClosedLoopStatus.ISOLATED, testDueBy: new Date(0) },
    };
    assert.deepEqual(decide(facts(out)), { decision: Decision.ADMITTED, reasons: [] });
    assert.deepEqual(reasons({ direction: Direction.OUT, card: null }), [R.UNKNOWN_CARD]);
    assert.deepEqual(
      reasons({ direction: Direction.OUT, token: { state: 'invalid' }, card: null }),
      [R.INVALID_TOKEN],
    );
  });
});

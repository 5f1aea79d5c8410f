import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { denyListEntry, offlineFacts } from '#libs/inspection/gate-rules.js';

const NOW = new Date('2022-02-04T12:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const card = { cardNumber: '12345674', status: 'ACTIVE' as const, tokenVersion: 1 };
const inLoop = (testDueBy: Date | null) => ({ status: 'IN_LOOP' as const, testDueBy });

describe('the deny list entry of a card', () => {
  it('leaves out an active card in the loop whose test is due after the 24-hour horizon', () => {
    assert.equal(denyListEntry(card, inLoop(new Date(at(24).getTime() + 1)), NOW), null);
    assert.equal(denyListEntry(card, { status: 'CLOSE_CONTACT', testDueBy: at(30) }, NOW), null);
  });

  it('lists a holder due within the horizon with testDueBy and no reason; overdue once past it', () => {
    assert.deepEqual(denyListEntry(card, inLoop(at(24)), NOW), {
      ...card,
      reasons: [],
      testDueBy: at(24),
    });
    assert.deepEqual(denyListEntry(card, inLoop(NOW), NOW)?.reasons, []);
    assert.deepEqual(denyListEntry(card, inLoop(at(-0.001)), NOW)?.reasons, ['TEST_OVERDUE']);
  });

  it('gives every reason that holds everywhere, in the enum order', () => {
    const reasons = (status: typeof card.status | 'SUSPENDED' | 'APPROVED', loop: string) =>
      denyListEntry({ ...card, status }, { status: loop as 'ISOLATED', testDueBy: at(-1) }, NOW)
        ?.reasons;
    assert.deepEqual(reasons('SUSPENDED', 'ISOLATED'), ['SUSPENDED', 'ISOLATED', 'TEST_OVERDUE']);
    assert.deepEqual(reasons('APPROVED', 'OUTSIDE'), [
      'NOT_ACTIVE',
      'NOT_IN_CLOSED_LOOP',
      'TEST_OVERDUE',
    ]);
    assert.deepEqual(reasons('ACTIVE', 'EXITED'), ['NOT_IN_CLOSED_LOOP', 'TEST_OVERDUE']);
  });

  it('lists a reissued card for its version alone', () => {
    assert.deepEqual(denyListEntry({ ...card, tokenVersion: 2 }, inLoop(at(48)), NOW), {
      ...card,
      tokenVersion: 2,
      reasons: [],
      testDueBy: at(48),
    });
  });
});

describe('what an offline gate knows of a card', () => {
  const claims = {
    tokenVersion: 1,
    validFrom: at(-24),
    validUntil: at(24),
    venues: ['*'],
    zones: ['*'],
  };
  const area = { venueCode: 'NST', zone: '1', closedLoop: true };
  const facts = (entry: Parameters<typeof denyListEntry>[1] | null) =>
    offlineFacts({
      claims,
      entry: entry && denyListEntry(card, entry, NOW),
      area,
      direction: 'IN',
      scannedAt: NOW,
    });

  it('takes an unlisted card as active, at the token version, in the loop, with no test due', () => {
    const f = offlineFacts({ claims, entry: null, area, direction: 'IN', scannedAt: NOW });
    assert.deepEqual(
      [f.card?.status, f.card?.tokenVersion, f.loop],
      ['ACTIVE', 1, { status: 'IN_LOOP', testDueBy: null }],
    );
    assert.equal(f.lastMovementHere, null);
  });

  it('reads the loop status from the reasons', () => {
    assert.equal(facts({ status: 'ISOLATED', testDueBy: null }).loop.status, 'ISOLATED');
    assert.equal(facts({ status: 'EXITED', testDueBy: null }).loop.status, 'OUTSIDE');
    assert.deepEqual(facts(inLoop(at(2))).loop, { status: 'IN_LOOP', testDueBy: at(2) });
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  canonicalContent,
  canonicalContentReference,
  CHAIN_COUNT,
  chainOf,
  eventHash,
  GENESIS_HASH,
  type ChainedContent,
} from '#libs/movement/chain.js';

const content: ChainedContent = {
  id: '6f1c2a3e-1111-4222-8333-444455556666',
  chain: 7,
  seq: 42,
  personId: '0b1c2a3e-1111-4222-8333-444455556666',
  location: 'NST-VAPP-1',
  kind: 'ENTRY',
  occurredAt: '2022-02-01T08:30:00.000Z',
  recordedAt: '2022-02-01T08:30:01.250Z',
  source: 'Beijing Bus Co',
};

const arbitraryContent = fc.record({
  id: fc.uuid(),
  chain: fc.integer({ min: 0, max: CHAIN_COUNT - 1 }),
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  personId: fc.uuid(),
  location: fc.string({ unit: 'binary', maxLength: 40 }),
  kind: fc.constantFrom('ENTRY', 'EXIT'),
  occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  recordedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  source: fc.string({ unit: 'grapheme', maxLength: 40 }),
});

void describe('movement chain', () => {
  void it('hashes the previous hash, a newline and the RFC 8785 canonical content', () => {
    const canonical =
      '{"chain":7,"id":"6f1c2a3e-1111-4222-8333-444455556666","kind":"ENTRY","location":"NST-VAPP-1",' +
      '"occurredAt":"2022-02-01T08:30:00.000Z","personId":"0b1c2a3e-1111-4222-8333-444455556666",' +
      '"recordedAt":"2022-02-01T08:30:01.250Z","seq":42,"source":"Beijing Bus Co"}';
    assert.equal(canonicalContent(content), canonical);
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex');
    assert.equal(eventHash(GENESIS_HASH, content), expected);
  });

  void it('builds exactly what a generic RFC 8785 canonicaliser builds, for any content', () => {
    fc.assert(
      fc.property(arbitraryContent, (c) => {
        assert.equal(canonicalContent(c), canonicalContentReference(c));
      }),
      { numRuns: 2000 },
    );
  });

  void it('changes with any field and with the predecessor', () => {
    const base = eventHash(GENESIS_HASH, content);
    assert.notEqual(eventHash('1'.repeat(64), content), base);
    for (const [key, value] of Object.entries({
      id: '6f1c2a3e-1111-4222-8333-444455556667',
      chain: 8,
      seq: 43,
      personId: '0b1c2a3e-1111-4222-8333-444455556667',
      location: 'NST-VAPP-2',
      kind: 'EXIT',
      occurredAt: '2022-02-01T08:30:00.001Z',
      recordedAt: '2022-02-01T08:30:01.251Z',
      source: 'Beijing Bus Co.',
    })) {
      assert.notEqual(eventHash(GENESIS_HASH, { ...content, [key]: value }), base, key);
    }
  });

  void it('refuses content that has no canonical form', () => {
    assert.throws(() => canonicalContent({ ...content, seq: 1.5 }));
  });

  void it('spreads places over every chain and keeps one place on one chain', () => {
    const chains = new Set(Array.from({ length: 2000 }, (_, i) => chainOf(`VENUE-${i}`)));
    assert.equal(chains.size, CHAIN_COUNT);
    assert.equal(chainOf('PEK-T3-DIA'), chainOf('PEK-T3-DIA'));
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { compiledRulesAccept, rowRuleProblems } from '#apps/movement/movement-inputs.js';
import { RecordMovementInput } from '#apps/movement/movement.types.js';

const classRulesAccept = (row: object) =>
  validateSync(plainToInstance(RecordMovementInput, row), { forbidUnknownValues: false }).length ===
  0;

/** Texts near every edge the rules draw: lengths, control characters, blanks, astral and combining characters. */
const text = fc.oneof(
  fc.string({ maxLength: 110, unit: 'grapheme' }),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.constantFrom('', ' ', '\t', 'GATE-1', 'A'.repeat(100), 'A'.repeat(101), '😀'.repeat(50)),
  fc.constantFrom('😀'.repeat(51), 'a\uFE0F'.repeat(60), 'x\u0007y', 'NST\u00A0VAPP', '\u200B'),
);
const uuidLike = fc.oneof(
  fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] }),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    '6f1c2a3b-0000-9000-8000-000000000000',
    '6f1c2a3b-0000-4000-c000-000000000000',
    'not-a-uuid',
  ),
  fc.string({ maxLength: 40 }),
);
const row = fc.record({
  id: uuidLike,
  personId: fc.option(uuidLike),
  cardNumber: fc.option(text),
  location: text,
  kind: fc.constantFrom('ENTRY', 'EXIT', 'entry', 'SIT'),
  occurredAt: fc.oneof(fc.date(), fc.constant(new Date(Number.NaN))),
});

void describe('recordMovements rows: the compiled check', () => {
  void it('never accepts a row the input class’s rules refuse', () => {
    let accepted = 0;
    fc.assert(
      fc.property(row, (r) => {
        if (compiledRulesAccept([r as RecordMovementInput])) {
          accepted += 1;
          assert.ok(classRulesAccept(r));
        }
      }),
      { numRuns: 5000 },
    );
    // Not a check of nothing: many random rows pass.
    assert.ok(accepted > 50, `only ${accepted} rows passed`);
  });

  void it('accepts the rows partners send, and names each problem of a batch it refuses', () => {
    const good = {
      id: randomUUID(),
      personId: randomUUID(),
      cardNumber: null,
      location: 'BUS-0042',
      kind: 'ENTRY',
      occurredAt: new Date(),
    } as RecordMovementInput;
    assert.equal(compiledRulesAccept([good, { ...good, location: 'Hall 3 — 北京' }]), true);
    assert.equal(
      rowRuleProblems([good], (i) => `input[${i}]`),
      null,
    );
    const problems = rowRuleProblems(
      [good, { ...good, id: 'x', location: ' ' }, { ...good, occurredAt: new Date(Number.NaN) }],
      (i) => `input[${i}]`,
    );
    assert.deepEqual(problems, [
      [],
      [
        { field: 'input[1].id', message: 'must be a UUID made by the reporting system' },
        { field: 'input[1].location', message: 'must not be blank' },
      ],
      [{ field: 'input[2].occurredAt', message: 'must be an ISO 8601 date-time' }],
    ]);
  });
});

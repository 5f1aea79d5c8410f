import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { textProblems } from '#libs/graphql/validation.pipe.js';

/** Every string anywhere in a value, by a plain walk. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.values(value).flatMap(stringsOf);
  }
  return [];
}

/** What no column can hold, decided without the code under test: NUL, or a surrogate out of pair. */
function unstorable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

const text = fc.string({ unit: 'binary', maxLength: 12 });
const input = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.constant(null),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

void describe('textProblems', () => {
  void it('names a problem exactly when some text holds a NUL or a lone surrogate', () => {
    fc.assert(
      fc.property(input, (value) => {
        const expected = stringsOf(value).some(unstorable);
        assert.equal(textProblems(value, 'input').length > 0, expected);
      }),
      { numRuns: 2000 },
    );
  });

  void it('names the field of a bad text in a batch of rows', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      id: `row ${i}`,
      location: 'HOTEL-001',
    }));
    assert.deepEqual(textProblems(rows, 'input'), []);
    rows[4321].location = 'HOTEL\u0000';
    assert.deepEqual(
      textProblems(rows, 'input').map((p) => p.field),
      ['input[4321].location'],
    );
  });
});

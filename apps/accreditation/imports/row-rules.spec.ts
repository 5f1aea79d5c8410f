import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { fieldProblems } from '#libs/graphql/validation.pipe.js';
import { AccreditationInput, RegisterPersonInput } from '#apps/accreditation/people/person.type.js';
import { rowProblems, type RowValues } from '#apps/accreditation/imports/row-rules.js';

const ORG = '0b0b0b0b-1111-4222-8333-444444444444';

/** The oracle: registerPerson's input class validated by class-validator, each problem under its CSV column. */
function classValidatorProblems(row: RowValues) {
  const input = Object.assign(new RegisterPersonInput(), {
    organisationId: ORG,
    givenName: row.givenName,
    familyName: row.familyName,
    dateOfBirth: row.dateOfBirth,
    nationality: row.nationality,
    function: row.function,
    documentNumber: row.documentNumber,
    accreditation: Object.assign(new AccreditationInput(), {
      category: row.category,
      venues: row.venues,
      zones: row.zones,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
    }),
  });
  const errors = validateSync(input, {
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  return fieldProblems(errors).map(({ field, message }) => ({
    field: field.replace(/^accreditation\./, ''),
    message,
  }));
}

/** Texts near every rule's edges: empty, long, control characters, surrogates, codes. */
const text = (...typical: string[]) =>
  fc.oneof(
    fc.constantFrom('', 'A', 'Lin', 'O\'Brien, "Jr"', 'Zoë', '😀'.repeat(60), 'x\u0007y', 'a\nb'),
    fc.constantFrom(...typical),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'grapheme', minLength: 95, maxLength: 110 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer({ min: 0, max: 120 }).map((n) => 'n'.repeat(n)),
  );
const codeList = (...typical: string[]) =>
  fc.oneof(
    fc.array(fc.constantFrom(...typical, '*', '', 'a b', 'nst', '-X', 'X'.repeat(41)), {
      maxLength: 4,
    }),
    fc.array(fc.constantFrom(...typical), { minLength: 199, maxLength: 202 }),
  );
const instant = fc.oneof(
  fc.date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
  fc.constantFrom('tomorrow', '2026-02-30', ''),
);

const rows: fc.Arbitrary<RowValues> = fc.record({
  givenName: text('Lin'),
  familyName: text('Wei'),
  dateOfBirth: fc.constantFrom(
    '1999-03-04',
    '1999-02-30',
    '2999-01-01',
    '1899-12-31',
    '',
    '99-1-1',
  ),
  nationality: fc.constantFrom('CHN', 'chn', 'XX', 'XXX', '', 'NOR '),
  function: text('Athlete'),
  documentNumber: fc.oneof(
    fc.constantFrom('E1234567', 'P<<1-', 'ab', 'bad number!', 'A'.repeat(30), 'A'.repeat(31), ''),
    fc.string({ maxLength: 32 }),
  ),
  category: fc.oneof(fc.constantFrom('Aa', '', 'TOOLONGCODE', 'E'), fc.string({ maxLength: 12 })),
  venues: codeList('NST', 'BIA'),
  zones: codeList('1', '2', 'FOP'),
  validFrom: instant,
  validUntil: instant,
});

describe('the import row rules', () => {
  it('find exactly what class-validator finds in registerPerson input, with its messages', () => {
    fc.assert(
      fc.property(rows, (row) => {
        assert.deepEqual(rowProblems(row), classValidatorProblems(row));
      }),
      { numRuns: 3000 },
    );
  });

  it('find nothing in a valid row', () => {
    const row: RowValues = {
      givenName: 'Lin',
      familyName: 'Wei',
      dateOfBirth: '1999-03-04',
      nationality: 'CHN',
      function: 'Athlete',
      documentNumber: 'E1234567',
      category: 'Aa',
      venues: ['NST', 'BIA'],
      zones: ['*'],
      validFrom: new Date('2026-01-20T00:00:00Z'),
      validUntil: new Date('2026-03-20T00:00:00Z'),
    };
    assert.deepEqual(rowProblems(row), []);
    assert.deepEqual(classValidatorProblems(row), []);
  });
});

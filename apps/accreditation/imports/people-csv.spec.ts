import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SLICE_CHARACTERS } from '#apps/accreditation/imports/csv-records.js';
import { IMPORT_COLUMNS, parsePeopleCsv } from '#apps/accreditation/imports/people-csv.js';

const ORG = '0b0b0b0b-1111-4222-8333-444444444444';
const HEADER = IMPORT_COLUMNS.join(',');
const VALID: Record<string, string> = {
  givenName: 'Lin',
  familyName: 'Wei',
  dateOfBirth: '1999-03-04',
  nationality: 'CHN',
  function: 'Athlete',
  documentNumber: 'E1234567',
  category: 'Aa',
  venues: 'NST;BIA',
  zones: '1;2',
  validFrom: '2026-01-20T00:00:00Z',
  validUntil: '2026-03-20T00:00:00Z',
};
const row = (overrides: Record<string, string> = {}, columns: readonly string[] = IMPORT_COLUMNS) =>
  columns.map((c) => ({ ...VALID, ...overrides })[c]).join(',');

describe('reading an import CSV', () => {
  it('turns a valid row into the input registerPerson takes', () => {
    const { rows, errors } = parsePeopleCsv(`${HEADER}\n${row()}\n`, ORG);
    assert.deepEqual(errors, []);
    assert.equal(rows.length, 1);
    const { line, input } = rows[0];
    assert.equal(line, 2);
    assert.equal(input.organisationId, ORG);
    assert.equal(input.documentNumber, 'E1234567');
    assert.deepEqual(input.accreditation.venues, ['NST', 'BIA']);
    assert.deepEqual(input.accreditation.zones, ['1', '2']);
    assert.equal(input.accreditation.validFrom.toISOString(), '2026-01-20T00:00:00.000Z');
  });

  it('takes the columns in any order, a BOM, CRLF, quoted fields with commas, quotes and line breaks', () => {
    // A line break inside a quoted cell is read (and then refused: names hold no control characters);
    // the rows after it keep their true line numbers.
    const columns = [...IMPORT_COLUMNS].reverse();
    const csv =
      `\uFEFF${columns.join(',')}\r\n` +
      `${row({ familyName: '"O\'Brien, ""Jr"""', documentNumber: 'AA1' }, columns)}\r\n` +
      `${row({ function: '"Team\r\nDoctor"', documentNumber: 'AA2' }, columns)}\r\n` +
      `\r\n` +
      `${row({ documentNumber: 'AA3', venues: ' NST ; BIA ' }, columns)}\r\n`;
    const { rows, errors } = parsePeopleCsv(csv, ORG);
    assert.deepEqual(errors, [
      { line: 3, field: 'function', message: 'must not contain control characters' },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.line, r.input.documentNumber]),
      [
        [2, 'AA1'],
        [6, 'AA3'],
      ],
    );
    assert.equal(rows[0].input.familyName, 'O\'Brien, "Jr"');
    assert.deepEqual(rows[1].input.accreditation.venues, ['NST', 'BIA']);
  });

  it('names every problem of every row by line and column, with the rules of registerPerson', () => {
    const csv = [
      HEADER,
      row({ documentNumber: 'OK1' }),
      row({ documentNumber: 'BB1', nationality: 'XX', dateOfBirth: '2999-01-01' }),
      row({ documentNumber: 'BB2', venues: '', zones: ';', givenName: '' }),
      row({
        documentNumber: 'BB3',
        validFrom: '2026-03-20T00:00:00Z',
        validUntil: '2026-01-20T00:00:00Z',
      }),
      row({ documentNumber: 'BB4', validFrom: 'tomorrow', validUntil: '2026-02-30' }),
      row({ documentNumber: 'BB5', dateOfBirth: '1999-02-30', nationality: 'chn' }),
      row({ documentNumber: 'bad number!' }),
    ].join('\n');
    const { rows, errors } = parsePeopleCsv(csv, ORG);
    assert.deepEqual(
      rows.map((r) => r.line),
      [2],
    );
    assert.deepEqual(
      errors.map((e) => `${e.line}:${e.field}`).sort(byLineThenField),
      [
        '3:dateOfBirth',
        '3:nationality',
        '4:givenName',
        '5:validFrom',
        '6:validFrom',
        '6:validUntil',
        '7:dateOfBirth',
        '7:nationality',
        '8:documentNumber',
        '4:venues',
        '4:zones',
      ].sort(byLineThenField),
    );
    for (const e of errors) assert.ok(e.message.length > 0);
  });

  it('reports a document number used twice in the file on its second line', () => {
    const csv = [
      HEADER,
      row({ documentNumber: 'DD1' }),
      row({ documentNumber: 'DD2' }),
      row({ documentNumber: 'DD1' }),
    ].join('\n');
    const { rows, errors } = parsePeopleCsv(csv, ORG);
    assert.equal(rows.length, 2);
    assert.deepEqual(errors, [
      { line: 4, field: 'documentNumber', message: 'DD1 is already on line 2' },
    ]);
  });

  it('refuses a header with a missing, unknown or repeated column, naming each', () => {
    const columns = IMPORT_COLUMNS.filter((c) => c !== 'zones' && c !== 'category');
    const { rows, errors } = parsePeopleCsv(
      `${[...columns, 'shoeSize', 'givenName'].join(',')}\n`,
      ORG,
    );
    assert.equal(rows.length, 0);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field, e.message.split(';')[0]]),
      [
        [1, 'shoeSize', 'unknown column'],
        [1, 'givenName', 'column named twice'],
        [1, 'category', 'missing column'],
        [1, 'zones', 'missing column'],
      ],
    );
  });

  it('reports rows with too few or too many fields, and unreadable CSV', () => {
    const { errors } = parsePeopleCsv(`${HEADER}\nLin,Wei\n${row()},extra\n`, ORG);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [
        [2, null],
        [3, null],
      ],
    );
    const broken = parsePeopleCsv(`${HEADER}\n${row({ givenName: '"Lin' })}\n`, ORG);
    assert.equal(broken.rows.length, 0);
    assert.equal(broken.errors.length, 1);
    assert.match(broken.errors[0].message, /cannot be read/);
    assert.deepEqual(
      parsePeopleCsv('', ORG).errors.map((e) => e.line),
      [1],
    );
  });

  it('takes a header alone as nothing to import', () => {
    assert.deepEqual(parsePeopleCsv(`${HEADER}\r\n`, ORG), { rows: [], errors: [] });
  });
});

function byLineThenField(a: string, b: string): number {
  const [la, fa] = a.split(':');
  const [lb, fb] = b.split(':');
  return Number(la) - Number(lb) || fa.localeCompare(fb);
}

describe('reading a large file a slice at a time', () => {
  // Rows of ~100 characters, so a file of 12,000 rows spans several slices; every 997th row
  // has a line break inside a quoted cell (refused: names hold no control characters), so
  // rows straddle the slices' ends and their true lines run ahead of their row numbers.
  const ROWS = 12_000;
  const bigFile = (broken?: number) => {
    const lines = [HEADER];
    const expected: { line: number; documentNumber: string }[] = [];
    const refused: number[] = [];
    let line = 2;
    for (let i = 0; i < ROWS; i++) {
      const documentNumber = `B${String(i).padStart(7, '0')}`;
      if (i === broken) {
        lines.push(row({ givenName: '"Li"n', documentNumber }));
      } else if (i % 997 === 0) {
        lines.push(row({ familyName: '"Wei\nJr"', documentNumber }));
        refused.push(line);
        line += 1;
      } else {
        lines.push(row({ documentNumber }));
        expected.push({ line, documentNumber });
      }
      line += 1;
    }
    return { csv: `${lines.join('\n')}\n`, expected, refused };
  };

  it('reads every row with its true line, across slices', () => {
    const { csv, expected, refused } = bigFile();
    assert.ok(csv.length > 3 * SLICE_CHARACTERS, 'the file spans several slices');
    const { rows, errors } = parsePeopleCsv(csv, ORG);
    assert.deepEqual(
      rows.map((r) => ({ line: r.line, documentNumber: r.input.documentNumber })),
      expected,
    );
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      refused.map((line) => [line, 'familyName']),
    );
  });

  it('refuses the file for a problem in a later slice, naming its line and nothing else', () => {
    const brokenRow = ROWS - 10;
    const { csv } = bigFile(brokenRow);
    // Header, the rows before it, and the extra line of each refused row before it.
    const line = 1 + brokenRow + 1 + Math.ceil(brokenRow / 997);
    const { rows, errors } = parsePeopleCsv(csv, ORG);
    assert.deepEqual(rows, []);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, line);
    assert.match(errors[0].message, /cannot be read/);
  });
});

describe('the bounds of an import', () => {
  it('refuses a record with more fields than any row has, naming its line', () => {
    const { rows, errors } = parsePeopleCsv(`${HEADER}\n${row()}\n${','.repeat(100_000)}\n`, ORG);
    assert.deepEqual(rows, []);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, 3);
    assert.match(errors[0].message, /line 3 has more than 64 fields/);
  });

  it('refuses a record longer than any row is', () => {
    const { errors } = parsePeopleCsv(
      `${HEADER}\n${row({ givenName: 'x'.repeat(20_000) })}\n`,
      ORG,
    );
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /cannot be read/);
  });

  it('counts lines (LF or CR) only as far as the limit, whatever the file holds', async () => {
    const { countLines } = await import('#apps/accreditation/imports/people-import.service.js');
    assert.equal(countLines('a', 10), 1);
    assert.equal(countLines('a\r\nb\r\n', 10), 3);
    assert.equal(countLines('a\rb\rc', 10), 3);
    assert.equal(countLines('\n'.repeat(8_000_000), 200_000), 200_001);
  });
});

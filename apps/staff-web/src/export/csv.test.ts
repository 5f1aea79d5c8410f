import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvCell, toCsv } from './csv';

describe('CSV exports', () => {
  it('neutralises cells a spreadsheet would run as formulas, and opens back as written', () => {
    const dangerous = [
      '=HYPERLINK("http://evil.test","click")',
      '+1+2',
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1+1',
      '\r=1+1',
    ];
    const csv = toCsv(
      ['Name', 'Note', 'Count'],
      [
        ...dangerous.map((d, i) => [`Person ${i}`, d, i]),
        ['Zoë "the rocket" Ng', 'a, b\nc', -5],
        ['Plain', null, 0],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(csv, { bom: true, relax_column_count: false });
    expect(rows[0]).toEqual(['Name', 'Note', 'Count']);
    const notes = rows.slice(1, 1 + dangerous.length).map((r) => r[1]);
    expect(notes).toEqual(dangerous.map((d) => `'${d}`));
    for (const note of notes) expect(note).not.toMatch(/^[=+\-@\t\r]/);
    // Quotes, commas and line breaks survive; numbers are not text and stay numbers.
    expect(rows[1 + dangerous.length]).toEqual(['Zoë "the rocket" Ng', 'a, b\nc', '-5']);
    expect(rows[2 + dangerous.length]).toEqual(['Plain', '', '0']);
    expect(rows).toHaveLength(3 + dangerous.length);
  });

  it('leaves harmless text alone', () => {
    expect(csvCell('NST')).toBe('"NST"');
    expect(csvCell('a=b')).toBe('"a=b"');
    expect(csvCell(12)).toBe('"12"');
  });
});

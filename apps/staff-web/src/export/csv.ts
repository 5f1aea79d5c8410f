/**
 * CSV exports, one helper for every list: cells a spreadsheet would run as a
 * formula (beginning with = + - @, a tab or a carriage return) are neutralised
 * with a leading apostrophe; every cell is quoted; lines end in CRLF; a BOM
 * tells spreadsheets it is UTF-8.
 */
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: numbers as they are, text neutralised against formula injection. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '""';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return (
    '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
  );
}

/** Hands the CSV to the browser as a download. */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** A file name with today's date: people-2022-02-04.csv. */
export function datedName(stem: string, now = new Date()): string {
  return `${stem}-${now.toISOString().slice(0, 10)}.csv`;
}

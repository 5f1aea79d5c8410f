import { validateSync } from 'class-validator';
import { CsvError, parse } from 'csv-parse/sync';
import { fieldProblems } from '#libs/graphql/validation.pipe.js';
import type { ImportRowError } from '#apps/accreditation/imports/import.types.js';
import { AccreditationInput, RegisterPersonInput } from '#apps/accreditation/people/person.type.js';

/** The columns of an import, in the order the contract lists them (a file may order them freely). */
export const IMPORT_COLUMNS = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'nationality',
  'function',
  'documentNumber',
  'category',
  'venues',
  'zones',
  'validFrom',
  'validUntil',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One valid row: the same input registerPerson takes, and where it came from. */
export interface ImportRow {
  line: number;
  input: RegisterPersonInput;
}

export interface ParsedImport {
  rows: ImportRow[];
  errors: ImportRowError[];
}

/** ISO 8601: a calendar date (midnight UTC) or a date and time with Z or an offset. */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * A date-time cell as registerPerson's DateTime scalar would give it: a Date
 * when it is a real instant, else the text unchanged, so the input class's
 * own @IsDate rule names the problem.
 */
function toInstant(value: string): Date | string {
  const match = ISO_INSTANT.exec(value);
  if (!match) return value;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return value;
  // Rejects 2026-02-30 and the like, which Date would roll over into March.
  const day = new Date(`${match[1]}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== match[1]) return value;
  return date;
}

const codes = (value: string): string[] =>
  value
    .split(';')
    .map((code) => code.trim())
    .filter((code) => code !== '');

/** The CSV column a validation problem of RegisterPersonInput belongs to. */
function columnOf(field: string): string {
  const [head, ...rest] = field.split('.');
  if (head === 'accreditation' && rest.length > 0) return rest[0];
  return head;
}

/**
 * Reads an import CSV (header row, quoted fields, BOM, CRLF or LF) and
 * validates each row with RegisterPersonInput's own class-validator rules,
 * the very ones registerPerson applies. Rules that need the database
 * (category, organisation, existing document numbers) are checked by the
 * caller; duplicates inside the file are found here.
 */
export function parsePeopleCsv(csv: string, organisationId: string): ParsedImport {
  let parsed: string[][];
  try {
    parsed = parse(csv, { bom: true, relax_column_count: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      return { rows: [], errors: [{ line, field: null, message: `the CSV cannot be read: ${error.message}` }] };
    }
    throw error;
  }
  // Each record starts on the line after the previous one ended, and a record
  // ends as many lines after its start as its quoted cells hold line breaks.
  // Blank lines come as records of one empty cell and are skipped here.
  const records: { record: string[]; line: number }[] = [];
  let line = 1;
  for (const record of parsed) {
    if (!(record.length === 1 && record[0] === '')) records.push({ record, line });
    line += 1;
    for (const cell of record) {
      if (cell.includes('\n')) line += cell.split('\n').length - 1;
    }
  }

  const errors: ImportRowError[] = [];
  const header = records[0];
  if (!header) return { rows: [], errors: [{ line: 1, field: null, message: 'the CSV is empty: it needs a header row' }] };
  const known = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const index = new Map<ImportColumn, number>();
  const headerLine = header.line;
  header.record.forEach((name, i) => {
    const column = known.get(name.toLowerCase());
    if (!column) {
      errors.push({ line: headerLine, field: name, message: `unknown column; the columns are ${IMPORT_COLUMNS.join(', ')}` });
    } else if (index.has(column)) {
      errors.push({ line: headerLine, field: column, message: 'column named twice' });
    } else {
      index.set(column, i);
    }
  });
  for (const column of IMPORT_COLUMNS) {
    if (!index.has(column)) errors.push({ line: headerLine, field: column, message: 'missing column' });
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: ImportRow[] = [];
  const lineOfDocument = new Map<string, number>();
  const cell = (record: string[], column: ImportColumn) => record[index.get(column)!] ?? '';
  for (const r of records.slice(1)) {
    const { line } = r;
    if (r.record.length !== header.record.length) {
      errors.push({
        line,
        field: null,
        message: `has ${r.record.length} fields where the header names ${header.record.length}`,
      });
      continue;
    }
    // Built as the GraphQL layer builds registerPerson's input: instances of the input classes.
    const input = Object.assign(new RegisterPersonInput(), {
      organisationId,
      givenName: cell(r.record, 'givenName'),
      familyName: cell(r.record, 'familyName'),
      dateOfBirth: cell(r.record, 'dateOfBirth'),
      nationality: cell(r.record, 'nationality'),
      function: cell(r.record, 'function'),
      documentNumber: cell(r.record, 'documentNumber'),
      accreditation: Object.assign(new AccreditationInput(), {
        category: cell(r.record, 'category'),
        venues: codes(cell(r.record, 'venues')),
        zones: codes(cell(r.record, 'zones')),
        validFrom: toInstant(cell(r.record, 'validFrom')),
        validUntil: toInstant(cell(r.record, 'validUntil')),
      }),
    });
    const problems = fieldProblems(
      validateSync(input, { forbidUnknownValues: false, validationError: { target: false, value: false } }),
    );
    const seen = new Set<string>();
    for (const problem of problems) {
      const field = columnOf(problem.field);
      // One message per cell is enough: the first rule that fails says what is wrong.
      if (seen.has(field)) continue;
      seen.add(field);
      errors.push({ line, field, message: problem.message });
    }
    const earlier = lineOfDocument.get(input.documentNumber);
    if (earlier !== undefined && !seen.has('documentNumber')) {
      errors.push({ line, field: 'documentNumber', message: `${input.documentNumber} is already on line ${earlier}` });
      continue;
    }
    if (input.documentNumber !== '') lineOfDocument.set(input.documentNumber, line);
    if (problems.length === 0) rows.push({ line, input });
  }
  return { rows, errors };
}

import { CsvError, parse } from 'csv-parse/sync';
import type { FieldProblem } from '#libs/common/errors.js';
import { isPastDate } from '#apps/accreditation/people/date.validators.js';
import type { ImportRowError } from '#apps/accreditation/imports/import.types.js';
import {
  organisationProblem,
  rowProblems,
  type RowValues,
} from '#apps/accreditation/imports/row-rules.js';
import { AccreditationInput, RegisterPersonInput } from '#apps/accreditation/people/person.type.js';
import {
  catalogueProblems,
  type CatalogueCodes,
} from '#apps/accreditation/venues/venues.service.js';

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
  /** Set when the row is written. */
  personId?: string;
}

export interface ParsedImport {
  rows: ImportRow[];
  errors: ImportRowError[];
}

/** ISO 8601: a calendar date (midnight UTC) or a date and time with Z or an offset. */
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

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

/** What only the database knows, for the rows' last checks; left out, those checks are skipped. */
export interface ImportContext {
  /** The Games' category codes. */
  categories?: ReadonlySet<string>;
  /** The venue and zone codes of the catalogue. */
  catalogue?: CatalogueCodes;
  /** Document numbers the organisation holds already. */
  takenDocumentNumbers?: ReadonlySet<string>;
}

/** The longest record a file may hold: a row of eleven cells is a few hundred characters. */
export const MAX_RECORD_CHARACTERS = 16 * 1024;
/** More cells than this in one record end the reading (the header names eleven columns). */
export const MAX_RECORD_FIELDS = 64;

class TooManyFields extends Error {
  constructor(readonly line: number) {
    super(`line ${line} has more than ${MAX_RECORD_FIELDS} fields`);
  }
}

interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * An import CSV, read (header row, quoted fields, BOM, CRLF or LF) and its
 * header checked. Its rows are validated chunk by chunk, on demand, with
 * the rules registerPerson applies (row-rules.ts: RegisterPersonInput's
 * class-validator rules as plain checks, with the same messages), then the
 * category, duplicates inside the file and document numbers the organisation
 * holds already.
 */
export class PeopleCsv {
  private readonly lineOfDocument = new Map<string, number>();
  /** Instants by their text: a delegation's rows mostly share their validity. Read only, never changed. */
  private readonly instants = new Map<string, Date | string>();
  /** Birth dates by their text, whether each is a real past date: they repeat in a delegation. */
  private readonly pastDates = new Map<string, boolean>();
  /** The organisation id's problem, the same for every row. */
  private readonly organisationProblem: FieldProblem | null;

  private constructor(
    /** Problems of the file as a whole (unreadable, header): no row is validated then. */
    readonly errors: ImportRowError[],
    private readonly records: CsvRecord[],
    private readonly index: ReadonlyMap<ImportColumn, number>,
    private readonly width: number,
    private readonly organisationId: string,
  ) {
    this.organisationProblem = organisationProblem(organisationId);
  }

  static read(csv: string, organisationId: string): PeopleCsv {
    const refuse = (errors: ImportRowError[]) =>
      new PeopleCsv(errors, [], new Map(), 0, organisationId);
    let parsed: string[][];
    try {
      parsed = parse(csv, {
        bom: true,
        relax_column_count: true,
        trim: true,
        // Bounds on what one record may cost, whatever the file holds.
        max_record_size: MAX_RECORD_CHARACTERS,
        on_record: (record: string[], context: { lines: number }) => {
          if (record.length > MAX_RECORD_FIELDS) throw new TooManyFields(context.lines);
          return record;
        },
      });
    } catch (error) {
      if (error instanceof TooManyFields) {
        return refuse([{ line: error.line, field: null, message: error.message }]);
      }
      if (error instanceof CsvError) {
        const line = (error as CsvError & { lines?: number }).lines ?? 1;
        return refuse([{ line, field: null, message: `the CSV cannot be read: ${error.message}` }]);
      }
      throw error;
    }
    // Each record starts on the line after the previous one ended, and a record
    // ends as many lines after its start as its quoted cells hold line breaks.
    // Blank lines come as records of one empty cell and are skipped here.
    const records: CsvRecord[] = [];
    let line = 1;
    for (const cells of parsed) {
      if (!(cells.length === 1 && cells[0] === '')) records.push({ cells, line });
      line += 1;
      for (const cell of cells) {
        if (cell.includes('\n')) line += cell.split('\n').length - 1;
      }
    }
    const header = records.shift();
    if (!header)
      return refuse([{ line: 1, field: null, message: 'the CSV is empty: it needs a header row' }]);
    const errors: ImportRowError[] = [];
    const known = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));
    const index = new Map<ImportColumn, number>();
    header.cells.forEach((name, i) => {
      const column = known.get(name.toLowerCase());
      if (!column) {
        errors.push({
          line: header.line,
          field: name,
          message: `unknown column; the columns are ${IMPORT_COLUMNS.join(', ')}`,
        });
      } else if (index.has(column)) {
        errors.push({ line: header.line, field: column, message: 'column named twice' });
      } else {
        index.set(column, i);
      }
    });
    for (const column of IMPORT_COLUMNS) {
      if (!index.has(column))
        errors.push({ line: header.line, field: column, message: 'missing column' });
    }
    if (errors.length > 0) return refuse(errors);
    return new PeopleCsv([], records, index, header.cells.length, organisationId);
  }

  /** Rows below the header, blank lines aside. */
  get rowCount(): number {
    return this.records.length;
  }

  /** Every row's document number as written, for one look-up of those already taken. */
  documentNumbers(): string[] {
    const at = this.index.get('documentNumber')!;
    return this.records.map((r) => r.cells[at] ?? '');
  }

  /** Validates the rows in chunks of `size`, each when asked for (so work on one can overlap the next). */
  *validate(size: number, context: ImportContext = {}): Generator<ParsedImport> {
    for (let start = 0; start < this.records.length; start += size) {
      const chunk: ParsedImport = { rows: [], errors: [] };
      for (const record of this.records.slice(start, start + size))
        this.validateRow(record, context, chunk);
      yield chunk;
    }
  }

  private instant(text: string): Date | string {
    let value = this.instants.get(text);
    if (value === undefined) {
      value = toInstant(text);
      if (this.instants.size < 10_000) this.instants.set(text, value);
    }
    return value;
  }

  private readonly isPastDate = (text: string): boolean => {
    let past = this.pastDates.get(text);
    if (past === undefined) {
      past = isPastDate(text);
      if (this.pastDates.size < 50_000) this.pastDates.set(text, past);
    }
    return past;
  };

  private validateRow({ cells, line }: CsvRecord, context: ImportContext, out: ParsedImport): void {
    if (cells.length !== this.width) {
      out.errors.push({
        line,
        field: null,
        message: `has ${cells.length} fields where the header names ${this.width}`,
      });
      return;
    }
    const cell = (column: ImportColumn) => cells[this.index.get(column)!] ?? '';
    const values: RowValues = {
      givenName: cell('givenName'),
      familyName: cell('familyName'),
      dateOfBirth: cell('dateOfBirth'),
      nationality: cell('nationality'),
      function: cell('function'),
      documentNumber: cell('documentNumber'),
      category: cell('category'),
      venues: codes(cell('venues')),
      zones: codes(cell('zones')),
      validFrom: this.instant(cell('validFrom')),
      validUntil: this.instant(cell('validUntil')),
    };
    const problems = rowProblems(values, this.isPastDate);
    if (this.organisationProblem) problems.unshift(this.organisationProblem);
    const before = out.errors.length;
    const seen = new Set<string>();
    for (const problem of problems) {
      // One message per cell is enough: the first rule that fails says what is wrong.
      if (seen.has(problem.field)) continue;
      seen.add(problem.field);
      out.errors.push({ line, field: problem.field, message: problem.message });
    }
    const { category } = values;
    if (context.categories && !seen.has('category') && !context.categories.has(category)) {
      out.errors.push({
        line,
        field: 'category',
        message: `${category} is not a category of the Games`,
      });
    }
    if (context.catalogue) {
      const { venues, zones } = values;
      for (const problem of catalogueProblems(context.catalogue, venues, zones)) {
        if (!seen.has(problem.field)) out.errors.push({ line, ...problem });
      }
    }
    const document = values.documentNumber;
    if (!seen.has('documentNumber') && document !== '') {
      const earlier = this.lineOfDocument.get(document);
      if (earlier !== undefined) {
        out.errors.push({
          line,
          field: 'documentNumber',
          message: `${document} is already on line ${earlier}`,
        });
      } else {
        this.lineOfDocument.set(document, line);
        if (context.takenDocumentNumbers?.has(document)) {
          out.errors.push({
            line,
            field: 'documentNumber',
            message: `${document} is already registered in this organisation`,
          });
        }
      }
    }
    if (out.errors.length > before) return;
    // Valid, so its instants are Dates: the same input registerPerson takes.
    const input = Object.assign(new RegisterPersonInput(), {
      organisationId: this.organisationId,
      givenName: values.givenName,
      familyName: values.familyName,
      dateOfBirth: values.dateOfBirth,
      nationality: values.nationality,
      function: values.function,
      documentNumber: values.documentNumber,
      accreditation: Object.assign(new AccreditationInput(), {
        category: values.category,
        venues: values.venues,
        zones: values.zones,
        validFrom: values.validFrom as Date,
        validUntil: values.validUntil as Date,
      }),
    });
    out.rows.push({ line, input });
  }
}

/** Reads and validates a whole import CSV at once (without the database's checks unless given). */
export function parsePeopleCsv(
  csv: string,
  organisationId: string,
  context: ImportContext = {},
): ParsedImport {
  const file = PeopleCsv.read(csv, organisationId);
  const result: ParsedImport = { rows: [], errors: [...file.errors] };
  for (const chunk of file.validate(10_000, context)) {
    result.rows.push(...chunk.rows);
    result.errors.push(...chunk.errors);
  }
  return result;
}

import type { FieldProblem } from '#libs/common/errors.js';
import { isPastDate } from '#apps/accreditation/people/date.validators.js';
import type { ImportRowError } from '#apps/accreditation/imports/import.types.js';
import { CsvRecords, type CsvRecord } from '#apps/accreditation/imports/csv-records.js';
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

/**
 * An import CSV (header row, then its rows: csv-records.ts), read a slice at a time as
 * its rows are asked for, so the first rows can be written while the rest is read. Its
 * rows are validated chunk by chunk with the rules registerPerson applies (row-rules.ts:
 * RegisterPersonInput's class-validator rules as plain checks, with the same messages),
 * then the category, duplicates inside the file and document numbers the organisation
 * holds already. A slice that cannot be read puts its problem in `errors` and ends the
 * rows: the file is refused with that problem alone.
 */
export class PeopleCsv {
  private readonly lineOfDocument = new Map<string, number>();
  /** Instants by their text: a delegation's rows mostly share their validity. Read only, never changed. */
  private readonly instants = new Map<string, Date | string>();
  /** Birth dates by their text, whether each is a real past date: they repeat in a delegation. */
  private readonly pastDates = new Map<string, boolean>();
  /** The organisation id's problem, the same for every row. */
  private readonly organisationProblem: FieldProblem | null;
  private index: ReadonlyMap<ImportColumn, number> = new Map();
  private width = 0;
  /** Rows handed out so far (blank lines aside). */
  rowsRead = 0;

  private readonly records: CsvRecords;
  private readonly headerErrors: ImportRowError[] = [];

  private constructor(
    csv: string,
    private readonly organisationId: string,
  ) {
    this.records = new CsvRecords(csv);
    this.organisationProblem = organisationProblem(organisationId);
  }

  /** Problems of the file as a whole (unreadable, header): the file is refused with them alone. */
  get errors(): ImportRowError[] {
    return this.records.problem ? [this.records.problem] : this.headerErrors;
  }

  /** The file with its header read and checked (problems in `errors`). */
  static read(csv: string, organisationId: string): PeopleCsv {
    const file = new PeopleCsv(csv, organisationId);
    const [header] = file.records.next(1);
    if (file.errors.length > 0) return file;
    if (!header) {
      file.headerErrors.push({
        line: 1,
        field: null,
        message: 'the CSV is empty: it needs a header row',
      });
      return file;
    }
    const known = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));
    const index = new Map<ImportColumn, number>();
    header.cells.forEach((name, i) => {
      const column = known.get(name.toLowerCase());
      if (!column) {
        file.headerErrors.push({
          line: header.line,
          field: name,
          message: `unknown column; the columns are ${IMPORT_COLUMNS.join(', ')}`,
        });
      } else if (index.has(column)) {
        file.headerErrors.push({ line: header.line, field: column, message: 'column named twice' });
      } else {
        index.set(column, i);
      }
    });
    for (const column of IMPORT_COLUMNS) {
      if (!index.has(column))
        file.headerErrors.push({ line: header.line, field: column, message: 'missing column' });
    }
    file.index = index;
    file.width = header.cells.length;
    return file;
  }

  /** The next `size` rows below the header (fewer at the end, none once read or refused). */
  nextRows(size: number): CsvRecord[] {
    if (this.errors.length > 0) return [];
    const rows = this.records.next(size);
    this.rowsRead += rows.length;
    return rows;
  }

  /** Every row left, counted without being validated (a file refused for its size). */
  countRemainingRows(): number {
    let rows = 0;
    for (let chunk = this.nextRows(10_000); chunk.length > 0; chunk = this.nextRows(10_000))
      rows += chunk.length;
    return rows;
  }

  /** The rows' document numbers as written, for one look-up of those already taken. */
  documentNumbers(rows: readonly CsvRecord[]): string[] {
    const at = this.index.get('documentNumber')!;
    return rows.map((r) => r.cells[at] ?? '');
  }

  /** Validates `rows` (from nextRows, in order) against the rules and `context`. */
  validateRows(rows: readonly CsvRecord[], context: ImportContext = {}): ParsedImport {
    const chunk: ParsedImport = { rows: [], errors: [] };
    for (const record of rows) this.validateRow(record, context, chunk);
    return chunk;
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
  const result: ParsedImport = { rows: [], errors: [] };
  for (let rows = file.nextRows(10_000); rows.length > 0; rows = file.nextRows(10_000)) {
    const chunk = file.validateRows(rows, context);
    result.rows.push(...chunk.rows);
    result.errors.push(...chunk.errors);
  }
  return file.errors.length > 0 ? { rows: [], errors: [...file.errors] } : result;
}

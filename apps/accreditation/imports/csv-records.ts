import { CsvError, parse } from 'csv-parse/sync';
import type { ImportRowError } from '#apps/accreditation/imports/import.types.js';

/** The longest record a file may hold: a row of eleven cells is a few hundred characters. */
export const MAX_RECORD_CHARACTERS = 16 * 1024;
/** More cells than this in one record end the reading (the header names eleven columns). */
export const MAX_RECORD_FIELDS = 64;
/** Characters read at a time: a slice ends at the first line break past this many outside quotes. */
export const SLICE_CHARACTERS = 256 * 1024;

/** A record's cells and the line of the file it starts on. */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * Where the slice of `text` from `start` (a record's first character) should end: just
 * after the first line break at or past `start + size` that is outside quotes, or at the
 * end of the text. A quote opens or closes a quoted cell and a doubled one inside it
 * counts twice, so a line break follows an even number of quotes from `start` exactly
 * when it ends a record.
 */
export function sliceEnd(text: string, start: number, size: number): number {
  let quotes = 0;
  let counted = start;
  for (let at = start + size; at < text.length;) {
    const newline = text.indexOf('\n', at);
    if (newline === -1) break;
    for (let q = text.indexOf('"', counted); q !== -1 && q < newline; q = text.indexOf('"', q + 1))
      quotes += 1;
    counted = newline;
    if (quotes % 2 === 0) return newline + 1;
    at = newline + 1;
  }
  return text.length;
}

/**
 * A CSV's records (quoted fields, BOM, CRLF or LF), read a slice at a time as they are
 * asked for, each with the line it starts on; blank lines are skipped. A slice that
 * cannot be read, or a record over the bounds, sets `problem` and ends the records.
 */
export class CsvRecords {
  problem: ImportRowError | null = null;
  /** Records read and not yet handed out. */
  private pending: CsvRecord[] = [];
  /** Where the text not yet read begins, and the line it begins on. */
  private position = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** The next `count` records (fewer at the end, none once read or after a problem). */
  next(count: number): CsvRecord[] {
    while (this.pending.length < count && this.readSlice());
    return this.problem ? [] : this.pending.splice(0, count);
  }

  /** Reads the next slice into `pending`; false at the end of the text or on a problem. */
  private readSlice(): boolean {
    if (this.position >= this.text.length || this.problem) return false;
    const end = sliceEnd(this.text, this.position, SLICE_CHARACTERS);
    const lineBefore = this.line - 1;
    let parsed: string[][];
    try {
      parsed = parse(this.text.slice(this.position, end), {
        bom: this.position === 0,
        relax_column_count: true,
        trim: true,
        // A bound on what one cell may cost, whatever the file holds. (No on_record hook
        // for the bound on cells: it makes the parser build a context object per record,
        // a tenth of an import's reading; the cells are counted below instead.)
        max_record_size: MAX_RECORD_CHARACTERS,
      });
    } catch (error) {
      // Lines are counted from the slice's start: the file's line is that many further.
      if (error instanceof CsvError) {
        const line = lineBefore + ((error as CsvError & { lines?: number }).lines ?? 1);
        this.problem = { line, field: null, message: `the CSV cannot be read: ${error.message}` };
      } else {
        throw error;
      }
      this.pending = [];
      return false;
    }
    this.position = end;
    // Each record starts on the line after the previous one ended, and a record
    // ends as many lines after its start as its quoted cells hold line breaks.
    // Blank lines come as records of one empty cell and are skipped here.
    for (const cells of parsed) {
      if (cells.length > MAX_RECORD_FIELDS) {
        this.problem = {
          line: this.line,
          field: null,
          message: `line ${this.line} has more than ${MAX_RECORD_FIELDS} fields`,
        };
        this.pending = [];
        return false;
      }
      if (!(cells.length === 1 && cells[0] === '')) this.pending.push({ cells, line: this.line });
      this.line += 1;
      for (const cell of cells) {
        if (cell.includes('\n')) this.line += cell.split('\n').length - 1;
      }
    }
    return true;
  }
}

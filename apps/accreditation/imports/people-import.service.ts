import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { cardNumberFor } from '#libs/accreditation/card-number.js';
import { BadUserInputError, ConflictError } from '#libs/common/errors.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';
import { VenuesService } from '#apps/accreditation/venues/venues.service.js';
import type { ImportReport, ImportRowError } from '#apps/accreditation/imports/import.types.js';
import {
  PeopleCsv,
  type ImportContext,
  type ImportRow,
} from '#apps/accreditation/imports/people-csv.js';
import { StatementsInTurn } from '#apps/accreditation/imports/statements-in-turn.js';

/** The largest CSV one call takes (the gateway refuses bodies over 16 MB): 100,000 people are about 12 MB. */
export const MAX_IMPORT_CSV_BYTES = 15 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
/**
 * Lines one file may hold, blank ones and those inside quoted cells included: counted
 * before the CSV is read, so a file of millions of empty lines is refused at once.
 */
export const MAX_IMPORT_LINES = 2 * MAX_IMPORT_ROWS;

/** Lines of a text (1 + its line breaks, LF or CR), counting no further than `limit`. */
export function countLines(text: string, limit: number): number {
  let most = 1;
  for (const separator of ['\n', '\r']) {
    let lines = 1;
    for (let at = text.indexOf(separator); at !== -1 && lines <= limit;) {
      lines += 1;
      at = text.indexOf(separator, at + 1);
    }
    most = Math.max(most, lines);
  }
  return most;
}
/** Rows per INSERT ... SELECT FROM unnest(...): large enough to amortise, small enough for memory. */
const CHUNK = 10_000;
/** The first chunk is smaller, so PostgreSQL starts writing while the rest is read. */
const FIRST_CHUNK = 2_000;

export interface ImportRequest {
  organisationId: string;
  csv: string;
  dryRun: boolean;
  by: string | null;
}

/**
 * Imports a delegation's people from a CSV, all or nothing: every row is
 * validated first (the rules of registerPerson, then the Games' categories and
 * the organisation's existing document numbers), and only when no row is
 * invalid are they written, in one transaction, with set-based INSERTs in
 * chunks, card numbers taken from the sequence in bulk and one SUBMITTED
 * history event per accreditation.
 */
@Injectable()
export class PeopleImportService {
  private readonly logger = new Logger(PeopleImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
  ) {}

  async import(request: ImportRequest): Promise<ImportReport> {
    const { organisationId, csv, dryRun } = request;
    if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_CSV_BYTES) {
      throw new BadUserInputError([
        {
          field: 'csv',
          message: `is larger than ${MAX_IMPORT_CSV_BYTES / 1024 / 1024} MB; split it into several imports`,
        },
      ]);
    }
    if (countLines(csv, MAX_IMPORT_LINES) > MAX_IMPORT_LINES) {
      throw new BadUserInputError([
        {
          field: 'csv',
          message: `has more than ${MAX_IMPORT_LINES} lines; one import takes at most ${MAX_IMPORT_ROWS} rows`,
        },
      ]);
    }
    const file = PeopleCsv.read(csv, organisationId);
    if (file.errors.length > 0) return { created: 0, errors: file.errors, dryRun };
    try {
      const report = await this.dataSource.transaction(async (manager) => {
        // The trigram indexes take the new entries into their pending lists, and
        // merge them after the commit (below), not row by row in the caller's time.
        await manager.query(AccreditationSql.imports.largePendingLists);
        const context = await this.databaseContext(manager, organisationId);
        const errors: ImportRowError[] = [];
        const rows: ImportRow[] = [];
        // While PostgreSQL inserts one chunk of people, the next is read and validated:
        // one statement at a time on the connection, the CPU work overlapping it. A row
        // found invalid later rolls the whole transaction back.
        const statements = new StatementsInTurn(manager);
        for (
          let records = file.nextRows(FIRST_CHUNK);
          records.length > 0;
          records = file.nextRows(CHUNK)
        ) {
          if (file.rowsRead > MAX_IMPORT_ROWS) break;
          const chunk = file.validateRows(records, {
            ...context,
            takenDocumentNumbers: await this.takenDocumentNumbers(
              organisationId,
              file.documentNumbers(records),
            ),
          });
          errors.push(...chunk.errors);
          rows.push(...chunk.rows);
          if (dryRun || errors.length > 0) continue;
          await statements.send(
            AccreditationSql.imports.insertPeople,
            peopleParameters(organisationId, chunk.rows),
          );
        }
        const refusal = refusalOf(file, errors, dryRun);
        if (refusal) {
          await statements.done();
          throw refusal;
        }
        // Every row is valid: the accreditations follow the last people statement.
        await this.insertAccreditations(statements, rows, request.by);
        return { created: rows.length, errors: [], dryRun };
      });
      this.mergeSearchIndexes();
      return report;
    } catch (error) {
      if (error instanceof ImportRefused) return error.report;
      // Another import or registration took one of these document numbers meanwhile.
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictError(
          'A document number of this import was registered meanwhile; nothing was imported',
        );
      }
      throw error;
    }
  }

  /** Folds the import's entries into the trigram indexes in the background; searches see them meanwhile too. */
  private mergeSearchIndexes(): void {
    this.dataSource
      // Only an index's owner may merge its pending list: the owner's function does.
      .query(AccreditationSql.imports.mergeSearchPendingLists)
      .catch((error: unknown) =>
        this.logger.warn(`merging the search indexes after an import failed: ${String(error)}`),
      );
  }

  /** What only the database knows: the organisation, the categories, the venue catalogue. */
  private async databaseContext(
    manager: EntityManager,
    organisationId: string,
  ): Promise<ImportContext> {
    // Locks the organisation so two imports into it cannot both pass the duplicate check.
    const organisation: unknown[] = await manager.query(AccreditationSql.imports.lockOrganisation, [
      organisationId,
    ]);
    if (organisation.length === 0) {
      throw new BadUserInputError([{ field: 'organisationId', message: 'no such organisation' }]);
    }
    const categories: { code: string }[] = await manager.query(
      AccreditationSql.imports.categoryCodes,
    );
    return {
      categories: new Set(categories.map((r) => r.code)),
      catalogue: await this.venues.codes(manager),
    };
  }

  /**
   * Which of the document numbers the organisation's people hold, as committed: read on
   * a connection of its own, so the look-up does not wait behind the import's statement
   * in flight. The import holds the organisation's lock, so no other import into it
   * commits meanwhile; a registration that does is refused by the unique index at the
   * insert (a CONFLICT), as before.
   */
  private async takenDocumentNumbers(
    organisationId: string,
    documentNumbers: string[],
  ): Promise<Set<string>> {
    const taken: { document_number: string }[] = await this.dataSource.query(
      AccreditationSql.imports.takenDocumentNumbers,
      [organisationId, documentNumbers],
    );
    return new Set(taken.map((r) => r.document_number));
  }

  /**
   * One SUBMITTED accreditation per person, with card numbers from the
   * sequence in bulk (taken only now that the import will commit, so a refused
   * file spends no serials), and its first history event. The last people
   * statement is still in flight: the serials are taken and the first chunk's
   * parameters built meanwhile, on a connection of their own (a sequence stands
   * outside transactions), so PostgreSQL goes from the people to their
   * accreditations without waiting (~0.2 s for 100,000 people).
   */
  private async insertAccreditations(
    statements: StatementsInTurn,
    rows: ImportRow[],
    by: string | null,
  ) {
    const serials: { serial: string }[] = await this.dataSource.query(
      AccreditationSql.imports.cardSerials,
      [rows.length],
    );
    // Each chunk's parameters are built while PostgreSQL writes the previous one.
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const column = (pick: (row: ImportRow) => string) => arrayLiteral(chunk.map(pick));
      const parameters = [
        AccreditationStatus.SUBMITTED,
        by,
        arrayLiteral(chunk.map(() => timeOrderedUuid())),
        column((r) => r.personId!),
        arrayLiteral(chunk.map((_, i) => cardNumberFor(Number(serials[start + i].serial)))),
        column((r) => r.input.accreditation.category),
        column((r) => r.input.accreditation.validFrom.toISOString()),
        column((r) => r.input.accreditation.validUntil.toISOString()),
        column((r) => r.input.accreditation.venues.join(';')),
        column((r) => r.input.accreditation.zones.join(';')),
      ];
      // The accreditations and their first history events in one statement.
      await statements.send(AccreditationSql.imports.insertAccreditations, parameters);
    }
    await statements.done();
  }
}

/**
 * A chunk's people as insertPeople's parameters, each given its id: array literals
 * built before the previous chunk's statement ends, rather than by the driver when
 * this one is sent, while the database would wait. The people go in the order of the
 * name indexes (people_order_idx, people_organisation_order_idx), and their ids ascend
 * in that order too: each entry then lands beside the previous one instead of on a
 * random page of those indexes (100,000 people: ~0.4 s less of PostgreSQL's time). The
 * rows themselves keep the file's order, which their card numbers follow.
 */
function peopleParameters(organisationId: string, rows: readonly ImportRow[]): string[] {
  const byName = [...rows].sort(byFamilyThenGivenName);
  for (const row of byName) row.personId = timeOrderedUuid();
  const column = (pick: (row: ImportRow) => string) => arrayLiteral(byName.map(pick));
  return [
    organisationId,
    column((r) => r.personId!),
    column((r) => r.input.givenName),
    column((r) => r.input.familyName),
    column((r) => r.input.dateOfBirth),
    column((r) => r.input.nationality),
    column((r) => r.input.function),
    column((r) => r.input.documentNumber),
  ];
}

/** Code-unit order: near enough to any collation's for the index pages to be neighbours. */
function byFamilyThenGivenName(x: ImportRow, y: ImportRow): number {
  const a = x.input;
  const b = y.input;
  if (a.familyName !== b.familyName) return a.familyName < b.familyName ? -1 : 1;
  if (a.givenName !== b.givenName) return a.givenName < b.givenName ? -1 : 1;
  return 0;
}

let uuidCounter = 0;

/**
 * A version 7 UUID (RFC 9562): the millisecond, a counter, then random bits. An
 * import's people and accreditations get ids in ascending order, so their entries
 * go to the right edge of the key indexes (and of the indexes the foreign-key
 * checks and the history read) instead of to random pages: less of PostgreSQL's
 * time and fewer pages written. The id tells when the row was created, as
 * created_at does.
 */
export function timeOrderedUuid(): string {
  const time = Date.now().toString(16).padStart(12, '0');
  uuidCounter = (uuidCounter + 1) & 0xfff;
  const counter = uuidCounter.toString(16).padStart(3, '0');
  // randomUUID's last two groups already carry the variant bits (10) in place.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${counter}-${randomUUID().slice(19)}`;
}

/**
 * A PostgreSQL array literal of non-null values, built here rather than by the
 * driver when the statement is sent, so it can overlap the previous statement.
 */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Why a file read to its end is not written, if it is not: too many rows, a slice that
 * cannot be read (the file refused with that problem alone), invalid rows, or a dry run.
 */
function refusalOf(file: PeopleCsv, errors: ImportRowError[], dryRun: boolean): Error | null {
  if (file.rowsRead > MAX_IMPORT_ROWS) {
    const rowCount = file.rowsRead + file.countRemainingRows();
    return new BadUserInputError([
      {
        field: 'csv',
        message: `has ${rowCount} rows; one import takes at most ${MAX_IMPORT_ROWS}`,
      },
    ]);
  }
  if (file.errors.length > 0) return new ImportRefused({ created: 0, errors: file.errors, dryRun });
  if (errors.length > 0 || dryRun) {
    return new ImportRefused({
      created: 0,
      errors: errors.sort((x, y) => x.line - y.line),
      dryRun,
    });
  }
  return null;
}

/** A file with invalid rows (or a dry run): its report, and the transaction rolled back. */
class ImportRefused extends Error {
  constructor(readonly report: ImportReport) {
    super('import refused');
  }
}

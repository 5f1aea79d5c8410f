import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  type FieldProblem,
} from '#libs/common/errors.js';
import type { FieldChange } from '#apps/accreditation/accreditations/accreditation.type.js';
import { AccreditationsService } from '#apps/accreditation/accreditations/accreditations.service.js';
import type { UpdatePersonInput } from '#apps/accreditation/people/person-edit.type.js';
import { validityProblem } from '#apps/accreditation/people/person.rules.js';
import { toPerson } from '#apps/accreditation/people/people.service.js';
import type { Person } from '#apps/accreditation/people/person.type.js';
import { catalogueProblems, VenuesService } from '#apps/accreditation/venues/venues.service.js';
import { AccreditationSql, correction, type EditableColumn } from '#libs/sql/accreditation.sql.js';

interface EditedRow {
  id: string;
  organisation_id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  nationality: string;
  function: string;
  document_number: string;
  erased_at: Date | null;
  accreditation_id: string;
  status: AccreditationStatus;
  category: string;
  valid_from: Date;
  valid_until: Date;
  venues: string[];
  zones: string[];
}

/** A field updatePerson may change: where it is stored and how its value reads in the history. */
interface Editable {
  field: Extract<keyof UpdatePersonInput, string>;
  column: Extract<keyof EditedRow, string> & EditableColumn;
  table: 'people' | 'accreditations';
  /** Identifying data: the history says it changed, not what it was or became (retention). */
  identifying?: true;
  /** Printed on the card or signed into its token: a change reissues the card. */
  privilege?: true;
}

const EDITABLE: readonly Editable[] = [
  { field: 'givenName', column: 'given_name', table: 'people', identifying: true },
  { field: 'familyName', column: 'family_name', table: 'people', identifying: true },
  { field: 'dateOfBirth', column: 'date_of_birth', table: 'people', identifying: true },
  { field: 'nationality', column: 'nationality', table: 'people' },
  { field: 'function', column: 'function', table: 'people' },
  { field: 'documentNumber', column: 'document_number', table: 'people', identifying: true },
  { field: 'category', column: 'category', table: 'accreditations', privilege: true },
  { field: 'validFrom', column: 'valid_from', table: 'accreditations', privilege: true },
  { field: 'validUntil', column: 'valid_until', table: 'accreditations', privilege: true },
  { field: 'venues', column: 'venues', table: 'accreditations', privilege: true },
  { field: 'zones', column: 'zones', table: 'accreditations', privilege: true },
];

/** Statuses whose card carries a token, which a change of privileges must replace. */
const SIGNED: ReadonlySet<AccreditationStatus> = new Set([
  AccreditationStatus.APPROVED,
  AccreditationStatus.ACTIVE,
  AccreditationStatus.SUSPENDED,
]);

const asText = (value: unknown): string =>
  value instanceof Date
    ? value.toISOString()
    : Array.isArray(value)
      ? value.join(', ')
      : String(value);

export interface PersonEdit {
  person: Person;
  changes: FieldChange[];
  cardReissued: boolean;
}

/**
 * Corrects a registered person and their accreditation (updatePerson): the
 * rules of registration, one transaction, one history entry naming who, why
 * and what; a change of privileges reissues the card.
 */
@Injectable()
export class PersonEditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly accreditations: AccreditationsService,
  ) {}

  async update(
    input: UpdatePersonInput,
    by: string | null,
    organisationScope: string | null,
  ): Promise<PersonEdit> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, input.personId);
      if (!row || (organisationScope && row.organisation_id !== organisationScope)) {
        throw new NotFoundError('Person', input.personId);
      }
      if (row.erased_at) {
        throw new ConflictError(
          'This person’s identifying data was erased (retention): there is nothing left to correct',
        );
      }
      const changed = EDITABLE.filter(({ field, column }) => {
        const value = input[field];
        return value != null && asText(value) !== asText(row[column]);
      });
      if (changed.length === 0) {
        throw new BadUserInputError([
          { field: 'input', message: 'changes nothing: give at least one field with a new value' },
        ]);
      }
      const privilegesChange = changed.some((e) => e.privilege);
      if (privilegesChange && row.status === AccreditationStatus.REVOKED) {
        throw new ConflictError(
          'The accreditation is REVOKED: its category, validity, venues and zones no longer change',
        );
      }
      await this.check(manager, input, row);

      for (const table of ['people', 'accreditations'] as const) {
        const edits = changed.filter((e) => e.table === table);
        if (edits.length === 0) continue;
        await manager
          .query(
            correction(
              table,
              edits.map((e) => e.column),
            ),
            [
              table === 'people' ? row.id : row.accreditation_id,
              ...edits.map((e) => input[e.field]),
            ],
          )
          .catch((error: unknown) => {
            if ((error as { code?: string }).code === '23505') throw this.documentTaken(input);
            throw error;
          });
      }
      const changes: FieldChange[] = changed.map((e) => ({
        field: e.field,
        from: e.identifying ? null : asText(row[e.column]),
        to: e.identifying ? null : asText(input[e.field]),
      }));
      await manager.query(AccreditationSql.history.appendChanges, [
        row.accreditation_id,
        row.status,
        input.reason,
        by,
        JSON.stringify(changes),
      ]);
      const cardReissued = privilegesChange && SIGNED.has(row.status);
      if (cardReissued) {
        await this.accreditations.reissueWithin(
          manager,
          row.accreditation_id,
          'card reissued: its category, validity, venues or zones changed',
          by,
        );
      }
      const [person]: Parameters<typeof toPerson>[0][] = await manager.query(
        AccreditationSql.people.byId,
        [row.id],
      );
      return { person: toPerson(person), changes, cardReissued };
    });
  }

  /** The person and their accreditation, locked for the change. */
  private async lock(manager: EntityManager, personId: string): Promise<EditedRow | undefined> {
    const rows: EditedRow[] = await manager.query(AccreditationSql.people.lockForEdit, [personId]);
    return rows[0];
  }

  /** What only the database knows: the categories, the catalogue, the validity as it will be, the documents held. */
  private async check(manager: EntityManager, input: UpdatePersonInput, row: EditedRow) {
    const problems: FieldProblem[] = [];
    if (input.category != null) {
      const [{ known }]: { known: boolean }[] = await manager.query(
        AccreditationSql.categories.exists,
        [input.category],
      );
      if (!known) {
        problems.push({
          field: 'category',
          message: `${input.category} is not a category of the Games`,
        });
      }
    }
    if (input.venues != null || input.zones != null) {
      problems.push(
        ...catalogueProblems(
          await this.venues.codes(manager),
          input.venues ?? [],
          input.zones ?? [],
        ),
      );
    }
    const validity = validityProblem(
      input.validFrom ?? row.valid_from,
      input.validUntil ?? row.valid_until,
    );
    if (validity && !(input.validFrom != null && input.validUntil != null)) {
      // Both given and out of order is the input rule's to name; this is one given against the other kept.
      problems.push(
        input.validFrom != null
          ? { field: 'validFrom', message: `${validity} (${row.valid_until.toISOString()})` }
          : {
              field: 'validUntil',
              message: `must be after validFrom (${row.valid_from.toISOString()})`,
            },
      );
    }
    if (problems.length > 0) throw new BadUserInputError(problems);
    if (input.documentNumber != null && input.documentNumber !== row.document_number) {
      const [{ taken }]: { taken: boolean }[] = await manager.query(
        AccreditationSql.people.documentTaken,
        [row.organisation_id, input.documentNumber, row.id],
      );
      if (taken) throw this.documentTaken(input);
    }
  }

  private documentTaken(input: UpdatePersonInput): ConflictError {
    return new ConflictError(
      `Document number ${input.documentNumber} is held by another person of this organisation`,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { cardNumberFor } from '#libs/accreditation/card-number.js';
import { BadUserInputError, ConflictError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import {
  decodeKeyset,
  keysetCondition,
  keysetOrder,
  microsOf,
  type Keyset,
} from '#libs/graphql/keyset.js';
import { checkPageSize, toPage, type Page } from '#libs/graphql/pagination.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';
import { peopleList, peopleListConditions, testsDue } from '#libs/sql/accreditation-lists.sql.js';
import { CLOSED_LOOP_STATUS_VIEW, closedLoopStatusJoin } from '#libs/sql/inspection.sql.js';
import {
  catalogueProblems,
  refuseOutsideCatalogue,
  VenuesService,
} from '#apps/accreditation/venues/venues.service.js';
import type {
  PeopleFilter,
  Person,
  RegisterPersonInput,
} from '#apps/accreditation/people/person.type.js';

interface PersonRow {
  id: string;
  organisation_id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  nationality: string;
  function: string;
  document_number: string;
}

export const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  organisationId: r.organisation_id,
  givenName: r.given_name,
  familyName: r.family_name,
  dateOfBirth: r.date_of_birth,
  nationality: r.nationality,
  function: r.function,
  documentNumber: r.document_number,
});

export interface PeopleQuery {
  filter: PeopleFilter;
  first: number;
  after?: string | null;
  /** Confines the answer to one organisation (a scoped API key). */
  organisationScope: string | null;
  /** Whether search also matches document numbers (only for callers who may see them). */
  searchDocumentNumbers: boolean;
  /** The stored closed-loop statuses filter.closedLoopStatus stands for, as the caller may see them. */
  closedLoopStatuses?: string[];
}

@Injectable()
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
  ) {}

  async register(input: RegisterPersonInput, by: string | null): Promise<Person> {
    return this.dataSource.transaction(async (manager) => {
      await this.checkReferences(manager, input.organisationId, input.accreditation.category);
      refuseOutsideCatalogue(
        catalogueProblems(
          await this.venues.codes(manager),
          input.accreditation.venues,
          input.accreditation.zones,
          'accreditation.',
        ),
      );
      const inserted: PersonRow[] = await manager.query(AccreditationSql.people.insert, [
        input.organisationId,
        input.givenName,
        input.familyName,
        input.dateOfBirth,
        input.nationality,
        input.function,
        input.documentNumber,
      ]);
      if (inserted.length === 0) {
        throw new ConflictError(
          `Document number ${input.documentNumber} is already registered in this organisation`,
        );
      }
      const person = toPerson(inserted[0]);
      const a = input.accreditation;
      await manager.query(AccreditationSql.accreditations.insertWithHistory, [
        person.id,
        cardNumberFor(await this.nextSerial(manager)),
        a.category,
        AccreditationStatus.SUBMITTED,
        a.validFrom,
        a.validUntil,
        a.venues,
        a.zones,
        by,
      ]);
      return person;
    });
  }

  private async nextSerial(manager: EntityManager): Promise<number> {
    const rows: { serial: string }[] = await manager.query(
      AccreditationSql.accreditations.nextCardSerial,
    );
    return Number(rows[0].serial);
  }

  private async checkReferences(manager: EntityManager, organisationId: string, category: string) {
    const rows: { organisation: boolean; category: boolean }[] = await manager.query(
      AccreditationSql.people.referencesExist,
      [organisationId, category],
    );
    const problems = [];
    if (!rows[0].organisation)
      problems.push({ field: 'organisationId', message: 'no such organisation' });
    if (!rows[0].category) {
      problems.push({
        field: 'accreditation.category',
        message: `${category} is not a category of the Games`,
      });
    }
    if (problems.length > 0) throw new BadUserInputError(problems);
  }

  async byIds(ids: readonly string[]): Promise<(Person | null)[]> {
    const valid = ids.filter(isUuid);
    const rows: PersonRow[] = valid.length
      ? await this.dataSource.query(AccreditationSql.people.byIds, [valid])
      : [];
    const byId = new Map(rows.map((r) => [r.id, toPerson(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async byCardNumber(cardNumber: string): Promise<Person | null> {
    const rows: PersonRow[] = await this.dataSource.query(AccreditationSql.people.byCardNumber, [
      cardNumber,
    ]);
    return rows[0] ? toPerson(rows[0]) : null;
  }

  /** A page of people in name order, keyset-paginated on (family name, given name, id). */
  async list(query: PeopleQuery): Promise<Page<Person>> {
    const first = checkPageSize(query.first);
    const after = decodeKeyset(query.after, PEOPLE_ORDER);
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { filter } = query;
    const organisationIds: string[] = [];
    for (const organisationId of [filter.organisationId, query.organisationScope]) {
      if (organisationId == null) continue;
      if (!isUuid(organisationId)) return toPage([], first, 0, () => [], toPerson);
      organisationIds.push(param(organisationId));
    }
    const conditions = peopleListConditions({
      organisationIds,
      status: filter.status ? param(filter.status) : undefined,
      closedLoopStatuses: filter.closedLoopStatus
        ? param(query.closedLoopStatuses ?? [filter.closedLoopStatus])
        : undefined,
      search: filter.search?.trim()
        ? {
            pattern: param(
              `%${filter.search
                .trim()
                .toLowerCase()
                .replace(/[\\%_]/g, '\\$&')}%`,
            ),
            withDocumentNumbers: query.searchDocumentNumbers,
          }
        : undefined,
    });
    const countParams = [...params];
    const sql = peopleList(conditions, closedLoopStatusJoin('cl', 'p.id'), {
      keyset: after ? keysetCondition(PEOPLE_ORDER, after, param) : null,
      order: keysetOrder(PEOPLE_ORDER),
      limit: first + 1,
    });
    const [rows, count] = await Promise.all([
      this.dataSource.query<PersonRow[]>(sql.rows, params),
      this.dataSource.query<{ n: number }[]>(sql.count, countParams),
    ]);
    return toPage(rows, first, count[0].n, (r) => [r.family_name, r.given_name, r.id], toPerson);
  }
}

/** The people list's order: by name, the id breaking ties. */
const PEOPLE_ORDER: Keyset = {
  columns: [
    { sql: 'p.family_name', kind: 'text' },
    { sql: 'p.given_name', kind: 'text' },
    { sql: 'p.id', kind: 'uuid' },
  ],
};

/** Tests due, soonest first. */
const TESTS_DUE_ORDER: Keyset = {
  columns: [
    { sql: 'cl.test_due_by', kind: 'micros' },
    { sql: 'p.id', kind: 'uuid' },
  ],
};

export interface TestsDueQuery {
  before: Date;
  organisationId: string | null;
  first: number;
  after?: string | null;
  organisationScope: string | null;
}

/**
 * People in the closed loop (IN_LOOP or CLOSE_CONTACT, from inspection's published view)
 * whose next test falls due before the instant, soonest (so overdue) first; keyset on
 * (testDueBy, id). An ISOLATED person is tested under the health officer's care, not
 * for the gates, and is not listed.
 */
export async function listTestsDue(
  manager: Pick<EntityManager, 'query'>,
  query: TestsDueQuery,
): Promise<Page<Person>> {
  const first = checkPageSize(query.first);
  const after = decodeKeyset(query.after, TESTS_DUE_ORDER);
  if (Number.isNaN(query.before.getTime())) {
    throw new BadUserInputError([{ field: 'before', message: 'must be an instant' }]);
  }
  const params: unknown[] = [query.before];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const organisationIds: string[] = [];
  for (const organisationId of [query.organisationId, query.organisationScope]) {
    if (organisationId == null) continue;
    if (!isUuid(organisationId)) return toPage([], first, 0, () => [], toPerson);
    organisationIds.push(bind(organisationId));
  }
  const countParams = [...params];
  const sql = testsDue(CLOSED_LOOP_STATUS_VIEW, organisationIds, microsOf('cl.test_due_by'), {
    keyset: after ? keysetCondition(TESTS_DUE_ORDER, after, bind) : null,
    order: keysetOrder(TESTS_DUE_ORDER),
    limit: first + 1,
  });
  const rows: (PersonRow & { due_us: string })[] = await manager.query(sql.rows, params);
  const [{ n }]: { n: number }[] = await manager.query(sql.count, countParams);
  return toPage(rows, first, n, (r) => [r.due_us, r.id], toPerson);
}

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
import { closedLoopStatusJoin } from '#libs/inspection/closed-loop-read.js';
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

const PERSON_COLUMNS = `p.id, p.organisation_id, p.given_name, p.family_name,
  to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.nationality, p.function, p.document_number`;

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

/**
 * People whose names (and document number, when the caller may see document
 * numbers), or whose card number, contain the LIKE pattern: each arm is
 * answered by its own trigram index (people_search_idx or
 * people_name_search_idx, accreditations_card_number_search_idx), which an OR
 * across the join could not use. Without the document number a caller who may
 * not see it cannot recover it one character at a time from what matches.
 */
export function searchCondition(pattern: string, withDocumentNumbers: boolean): string {
  const text = withDocumentNumbers
    ? `lower(s.given_name || ' ' || s.family_name || ' ' || s.document_number)`
    : `lower(s.given_name || ' ' || s.family_name)`;
  return `p.id IN (
    SELECT s.id FROM accreditation.people s WHERE ${text} LIKE ${pattern}
    UNION ALL
    SELECT sa.person_id FROM accreditation.accreditations sa WHERE lower(sa.card_number) LIKE ${pattern})`;
}

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
      const inserted: PersonRow[] = await manager.query(
        `INSERT INTO accreditation.people
           (organisation_id, given_name, family_name, date_of_birth, nationality, function, document_number)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT people_document_per_organisation DO NOTHING
         RETURNING ${PERSON_COLUMNS.replaceAll('p.', '')}`,
        [
          input.organisationId,
          input.givenName,
          input.familyName,
          input.dateOfBirth,
          input.nationality,
          input.function,
          input.documentNumber,
        ],
      );
      if (inserted.length === 0) {
        throw new ConflictError(
          `Document number ${input.documentNumber} is already registered in this organisation`,
        );
      }
      const person = toPerson(inserted[0]);
      const a = input.accreditation;
      await manager.query(
        `WITH acc AS (
           INSERT INTO accreditation.accreditations
             (person_id, card_number, category, status, valid_from, valid_until, venues, zones)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           RETURNING id)
         INSERT INTO accreditation.accreditation_events (accreditation_id, status, by)
         SELECT id, $4, $9 FROM acc`,
        [
          person.id,
          cardNumberFor(await this.nextSerial(manager)),
          a.category,
          AccreditationStatus.SUBMITTED,
          a.validFrom,
          a.validUntil,
          a.venues,
          a.zones,
          by,
        ],
      );
      return person;
    });
  }

  private async nextSerial(manager: EntityManager): Promise<number> {
    const rows: { serial: string }[] = await manager.query(
      `SELECT nextval('accreditation.card_serial') AS serial`,
    );
    return Number(rows[0].serial);
  }

  private async checkReferences(manager: EntityManager, organisationId: string, category: string) {
    const rows: { organisation: boolean; category: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM accreditation.organisations WHERE id = $1) AS organisation,
              EXISTS (SELECT 1 FROM accreditation.categories WHERE code = $2) AS category`,
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
      ? await this.dataSource.query(
          `SELECT ${PERSON_COLUMNS} FROM accreditation.people p WHERE p.id = ANY($1::uuid[])`,
          [valid],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.id, toPerson(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async byCardNumber(cardNumber: string): Promise<Person | null> {
    const rows: PersonRow[] = await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM accreditation.people p
       JOIN accreditation.accreditations a ON a.person_id = p.id WHERE a.card_number = $1`,
      [cardNumber],
    );
    return rows[0] ? toPerson(rows[0]) : null;
  }

  /** A page of people in name order, keyset-paginated on (family name, given name, id). */
  async list(query: PeopleQuery): Promise<Page<Person>> {
    const first = checkPageSize(query.first);
    const after = decodeKeyset(query.after, PEOPLE_ORDER);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const { filter } = query;
    for (const organisationId of [filter.organisationId, query.organisationScope]) {
      if (organisationId == null) continue;
      if (!isUuid(organisationId)) return toPage([], first, 0, () => [], toPerson);
      where.push(`p.organisation_id = ${param(organisationId)}`);
    }
    if (filter.status) where.push(`a.status = ${param(filter.status)}`);
    if (filter.closedLoopStatus) {
      const statuses = query.closedLoopStatuses ?? [filter.closedLoopStatus];
      where.push(`coalesce(cl.status, 'OUTSIDE') = ANY(${param(statuses)}::text[])`);
    }
    if (filter.search?.trim()) {
      const term = param(
        `%${filter.search
          .trim()
          .toLowerCase()
          .replace(/[\\%_]/g, '\\$&')}%`,
      );
      where.push(searchCondition(term, query.searchDocumentNumbers));
    }
    const from = `FROM accreditation.people p
      JOIN accreditation.accreditations a ON a.person_id = p.id
      ${closedLoopStatusJoin('cl', 'p.id')}`;
    const filterSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const keyset = after
      ? `${filterSql ? 'AND' : 'WHERE'} ${keysetCondition(PEOPLE_ORDER, after, param)}`
      : '';
    const [rows, count] = await Promise.all([
      this.dataSource.query<PersonRow[]>(
        `SELECT ${PERSON_COLUMNS} ${from} ${filterSql} ${keyset}
         ORDER BY ${keysetOrder(PEOPLE_ORDER)} LIMIT ${first + 1}`,
        params,
      ),
      this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n ${from} ${filterSql}`,
        countParams,
      ),
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
  const where = [
    `cl.status IN ('IN_LOOP', 'CLOSE_CONTACT')`,
    `cl.test_due_by IS NOT NULL`,
    `cl.test_due_by < $1`,
  ];
  for (const organisationId of [query.organisationId, query.organisationScope]) {
    if (organisationId == null) continue;
    if (!isUuid(organisationId)) return toPage([], first, 0, () => [], toPerson);
    params.push(organisationId);
    where.push(`p.organisation_id = $${params.length}`);
  }
  const from = `FROM inspection.closed_loop_statuses cl
    JOIN accreditation.people p ON p.id = cl.person_id
    WHERE ${where.join(' AND ')}`;
  const countParams = [...params];
  const bind = (value: unknown) => `$${params.push(value)}`;
  const keyset = after ? `AND ${keysetCondition(TESTS_DUE_ORDER, after, bind)}` : '';
  const rows: (PersonRow & { due_us: string })[] = await manager.query(
    `SELECT ${PERSON_COLUMNS}, ${microsOf('cl.test_due_by')} AS due_us
     ${from} ${keyset}
     ORDER BY ${keysetOrder(TESTS_DUE_ORDER)} LIMIT ${first + 1}`,
    params,
  );
  const [{ n }]: { n: number }[] = await manager.query(
    `SELECT count(*)::int AS n ${from}`,
    countParams,
  );
  return toPage(rows, first, n, (r) => [r.due_us, r.id], toPerson);
}

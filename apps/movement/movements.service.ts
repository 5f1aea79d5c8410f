import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { userEmail } from '#libs/auth/identity-lookup.js';
import { personScopeCondition } from '#libs/accreditation/organisation-scope.js';
import {
  peopleByCardNumbers,
  peopleByIds,
  type PersonRef,
} from '#libs/accreditation/people-lookup.js';
import { organisationScope, type Principal } from '#libs/auth/principal.js';
import { normaliseCardNumber } from '#libs/accreditation/card-number.js';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  type FieldProblem,
} from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import {
  decodeKeyset,
  keysetCondition,
  keysetOrder,
  microsOf,
  type Keyset,
} from '#libs/graphql/keyset.js';
import { checkPageSize, toPage, type Page } from '#libs/graphql/pagination.js';
import {
  findContacts,
  type ContactRecord,
  type ContactTraceOptions,
} from '#libs/movement/contacts.js';
import { contactTraceProblems } from '#libs/movement/query-window.js';
import {
  appendMovementEvents,
  type NewMovementEvent,
  type StoredMovementEvent,
} from '#libs/movement/movement-log.js';
import { presentAt, PRESENCE_ORDER } from '#libs/movement/presence.js';
import { tidyStays } from '#libs/movement/annulment.js';
import { staysWithin, type StayInterval } from '#libs/movement/stays.js';
import { verifyMovementLog, type LogVerificationResult } from '#libs/movement/verify.js';
import { eventsConditions, eventsPage, MovementSql } from '#libs/sql/movement.sql.js';
import {
  checkWindow,
  isValidDate,
  MAX_STAYS_WINDOW_DAYS,
  movementInputProblems,
} from '#apps/movement/movement-inputs.js';
import { CheckpointsService } from '#apps/movement/checkpoints.service.js';
import {
  RecordMovementInput,
  type MovementEvent,
  type Presence,
} from '#apps/movement/movement.types.js';

/** Most events one recordMovements call may carry. */
export const MAX_BATCH = 5000;
interface EventRow {
  id: string;
  person_id: string;
  location: string;
  kind: MovementEvent['kind'];
  occurred_at: Date;
  recorded_at: Date;
  source: string;
  hash: string;
  occurred_us?: string;
}

const toView = (e: StoredMovementEvent): MovementEvent => ({
  id: e.id,
  personId: e.personId,
  location: e.location,
  kind: e.kind,
  occurredAt: e.occurredAt,
  recordedAt: e.recordedAt,
  source: e.source,
  hash: e.hash,
});

const rowToView = (r: EventRow): MovementEvent => ({
  id: r.id,
  personId: r.person_id,
  location: r.location,
  kind: r.kind,
  occurredAt: r.occurred_at,
  recordedAt: r.recorded_at,
  source: r.source,
  hash: r.hash,
});

/**
 * The movement log's service: partners' recordMovement(s), the tracer's reads
 * (movements, stays, presence, contacts) and the log's verification.
 */
/** The log in time order, the id breaking ties. */
const EVENTS_ORDER: Keyset = {
  columns: [
    { sql: 'e.occurred_at', kind: 'micros' },
    { sql: 'e.id', kind: 'uuid' },
  ],
};

@Injectable()
export class MovementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checkpoints: CheckpointsService,
  ) {}

  /**
   * Records events all or nothing: every problem of every row is reported at
   * once and nothing is written; otherwise one transaction appends them all
   * with a handful of statements whatever the batch size. A replayed id gives
   * back the stored event; the same id with other content is a CONFLICT.
   */
  async record(
    inputs: readonly RecordMovementInput[],
    principal: Principal | null,
    fieldOf: (index: number) => string,
  ): Promise<MovementEvent[]> {
    if (inputs.length > MAX_BATCH) {
      throw new BadUserInputError([
        { field: 'input', message: `must hold at most ${MAX_BATCH} events per call` },
      ]);
    }
    if (inputs.length === 0) return [];
    // GraphQL has coerced each row to the input type; the rules are checked for the batch.
    const checked = inputs;
    const problems = movementInputProblems(checked, fieldOf);
    if (problems.length > 0) throw new BadUserInputError(problems);

    const people = await this.resolvePeople(checked, principal, fieldOf);
    const source = await this.actorName(principal);
    const events: NewMovementEvent[] = checked.map((input, i) => ({
      id: input.id.toLowerCase(),
      personId: people[i],
      location: input.location,
      kind: input.kind,
      occurredAt: input.occurredAt,
      source,
    }));

    // A replay of an id with other content is a CONFLICT, and rolls the whole call back.
    return this.dataSource.transaction(async (manager) => {
      const { appended, existingIds } = await appendMovementEvents(manager, events);
      const stored = new Map(appended.map((e) => [e.id, toView(e)]));
      if (existingIds.length > 0) {
        for (const event of await this.eventsByIds(manager, existingIds))
          stored.set(event.id, event);
      }
      return events.map((event, i) => {
        const found = stored.get(event.id);
        if (!found) throw new NotFoundError('Movement event', event.id);
        if (
          found.personId !== event.personId ||
          found.location !== event.location ||
          found.kind !== event.kind ||
          found.occurredAt.getTime() !== event.occurredAt.getTime()
        ) {
          throw new ConflictError(
            `${fieldOf(i)}.id: ${event.id} was recorded before with other content`,
          );
        }
        return found;
      });
    });
  }

  /** The person of each input; unknown people and cards, and other organisations' people, are named. */
  private async resolvePeople(
    inputs: readonly RecordMovementInput[],
    principal: Principal | null,
    fieldOf: (i: number) => string,
  ): Promise<string[]> {
    const scope = organisationScope(principal);
    const visible = (ref: PersonRef | undefined) =>
      ref && (!scope || ref.organisationId === scope) ? ref.personId : null;
    const [byId, byCard] = await Promise.all([
      peopleByIds(
        this.dataSource.manager,
        inputs.flatMap((i) => (i.personId ? [i.personId] : [])),
      ),
      peopleByCardNumbers(
        this.dataSource.manager,
        inputs.flatMap((i) => (i.cardNumber ? [i.cardNumber] : [])),
      ),
    ]);
    const problems: FieldProblem[] = [];
    const people = inputs.map((input, i) => {
      if (input.personId) {
        const id = visible(byId.get(input.personId.toLowerCase()));
        if (!id)
          problems.push({ field: `${fieldOf(i)}.personId`, message: 'no person with this id' });
        return id ?? '';
      }
      const id = visible(byCard.get(normaliseCardNumber(input.cardNumber ?? '')));
      if (!id)
        problems.push({ field: `${fieldOf(i)}.cardNumber`, message: 'no card with this number' });
      return id ?? '';
    });
    if (problems.length > 0) throw new BadUserInputError(problems);
    return people;
  }

  /** Who reports: an API key's name, or a user's email (identity's published read side). */
  async actorName(principal: Principal | null): Promise<string> {
    if (!principal) return 'anonymous';
    if (principal.kind === 'apiKey') return principal.name;
    return (await userEmail(this.dataSource, principal.id)) ?? `user ${principal.id}`;
  }

  private async eventsByIds(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<MovementEvent[]> {
    const rows: EventRow[] = await manager.query(MovementSql.events.byIds, [ids]);
    return rows.map(rowToView);
  }

  /** Throws NOT_FOUND for an unknown person and for another organisation's, to a scoped key. */
  async requireVisiblePerson(personId: string, principal: Principal | null): Promise<string> {
    const ref = (await peopleByIds(this.dataSource.manager, [personId])).get(
      personId.toLowerCase(),
    );
    const scope = organisationScope(principal);
    if (!ref || (scope && ref.organisationId !== scope))
      throw new NotFoundError('Person', personId);
    return ref.personId;
  }

  /** Events in occurredAt order, filtered, a keyset page at a time. Window is [from, to). */
  async list(
    filter: {
      personId?: string | null;
      location?: string | null;
      from?: Date | null;
      to?: Date | null;
    },
    first: number,
    after: string | null | undefined,
    principal: Principal | null,
  ): Promise<Page<MovementEvent>> {
    checkPageSize(first);
    const problems: FieldProblem[] = [];
    if (filter.personId != null && !isUuid(filter.personId)) {
      problems.push({ field: 'personId', message: 'must be a person id' });
    }
    if (filter.from != null && !isValidDate(filter.from)) {
      problems.push({ field: 'from', message: 'must be an ISO 8601 date-time' });
    }
    if (filter.to != null && !isValidDate(filter.to)) {
      problems.push({ field: 'to', message: 'must be an ISO 8601 date-time' });
    }
    if (filter.location != null && filter.location.length > 100) {
      problems.push({ field: 'location', message: 'must be at most 100 characters' });
    }
    if (problems.length > 0) throw new BadUserInputError(problems);
    const cursor = decodeKeyset(after, EVENTS_ORDER);

    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // Bound in this order: the filter's values, then the keyset's, then the limit.
    const scope = organisationScope(principal);
    const conditions = eventsConditions({
      personId: filter.personId != null ? param(filter.personId) : undefined,
      location: filter.location != null ? param(filter.location) : undefined,
      from: filter.from != null ? param(filter.from) : undefined,
      to: filter.to != null ? param(filter.to) : undefined,
      scope: scope ? personScopeCondition('e.person_id', `${param(scope)}::uuid`) : undefined,
    });
    const countParams = [...params];
    const statements = eventsPage(conditions, microsOf('e.occurred_at'), {
      keyset: cursor ? keysetCondition(EVENTS_ORDER, cursor, param) : null,
      order: keysetOrder(EVENTS_ORDER),
      limit: param(first + 1),
    });
    const rows: EventRow[] = await this.dataSource.query(statements.rows, params);
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      statements.count,
      countParams,
    );
    return toPage(rows, first, total, (r) => [r.occurred_us ?? '0', r.id], rowToView);
  }

  /** The person's stays overlapping [from, to), in time order, derived from the log. */
  async stays(
    personId: string,
    from: Date,
    to: Date,
    principal: Principal | null,
  ): Promise<StayInterval[]> {
    const problems = checkWindow(from, to, MAX_STAYS_WINDOW_DAYS);
    if (!isUuid(personId)) problems.unshift({ field: 'personId', message: 'must be a person id' });
    if (problems.length > 0) throw new BadUserInputError(problems);
    const id = await this.requireVisiblePerson(personId, principal);
    // The stays table's rows (migration 1764300002000), kept exact by every append, late
    // ones and annulments' compensation included. The rows of one stay touch end to start,
    // and may begin long before the window (a double scan a day, an isolation): the person's
    // rows up to the window's end are read, a few a day, and joined back into stays.
    const rows: { location: string; started_at: Date; ended_at: Date | null }[] =
      await this.dataSource.query(MovementSql.stays.ofPersonBefore, [id, to]);
    const stays = rows.map((r) => ({
      location: r.location,
      from: r.started_at,
      until: r.ended_at,
    }));
    // A stay of no length is left out, and rows of one place that meet are one stay.
    return staysWithin(tidyStays(stays), from, to);
  }

  async presentAt(
    location: string,
    first: number,
    after: string | null | undefined,
    principal: Principal | null,
  ): Promise<Page<Presence>> {
    checkPageSize(first);
    const cursor = decodeKeyset(after, PRESENCE_ORDER);
    if (location.length > 100) {
      throw new BadUserInputError([
        { field: 'location', message: 'must be at most 100 characters' },
      ]);
    }
    const { rows, totalCount } = await presentAt(this.dataSource.manager, location, {
      limit: first + 1,
      after: cursor,
      organisationId: organisationScope(principal),
    });
    return toPage(
      rows,
      first,
      totalCount,
      (r) => [r.sinceMicros, r.personId],
      (r) => ({ personId: r.personId, location: r.location, since: r.since }),
    );
  }

  async contacts(
    personId: string,
    from: Date,
    to: Date,
    minMinutes: number,
    principal: Principal | null,
    options: ContactTraceOptions = {},
  ): Promise<ContactRecord[]> {
    const problems = contactTraceProblems({ personId, from, to, minMinutes, first: options.first });
    if (problems.length > 0) throw new BadUserInputError(problems);
    const id = await this.requireVisiblePerson(personId, principal);
    return findContacts(this.dataSource.manager, id, from, to, minMinutes, options);
  }

  /** Recomputes every chain and checks it against every signed checkpoint. */
  async verify(): Promise<LogVerificationResult> {
    return verifyMovementLog(this.dataSource, { anchors: await this.checkpoints.anchors() });
  }
}

import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { isUuid } from '#libs/common/ids.js';
import { decodeKeyset, keysetCondition, keysetOrder, type Keyset } from '#libs/graphql/keyset.js';
import { checkPageSize, toPage, type Page } from '#libs/graphql/pagination.js';
import { auditTrail, auditTrailConditions, type AuditTrailFilter } from '#libs/sql/audit.sql.js';
import { AuditEvent, AuditEventConnection } from '#apps/accreditation/audit/audit-event.type.js';

/** Entries are numbered in the order they were written: the id alone orders them, newest first. */
const AUDIT_ORDER: Keyset = { columns: [{ sql: 'id', kind: 'bigint' }], descending: true };

interface AuditRow {
  id: string;
  at: Date;
  actor: string | null;
  action: string;
  person_id: string | null;
  outcome: string;
  client_address: string | null;
  request_id: string | null;
  service: string;
}

const toEvent = (r: AuditRow): AuditEvent => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  personId: r.person_id,
  outcome: r.outcome,
  clientAddress: r.client_address,
  requestId: r.request_id,
  service: r.service,
});

/** The audit trail, for ADMIN only (see the access policy), newest first. */
@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first; ADMIN only.' })
  async auditTrail(
    @Args('personId', { type: () => ID, nullable: true }) personId?: string,
    @Args('from', { type: () => Date, nullable: true }) from?: Date,
    @Args('to', { type: () => Date, nullable: true }) to?: Date,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('actor', {
      type: () => String,
      nullable: true,
      description: 'Entries whose actor contains this, ignoring case (a user id, a key name).',
    })
    actor?: string,
  ): Promise<Page<AuditEvent>> {
    const size = checkPageSize(first);
    const cursor = decodeKeyset(after, AUDIT_ORDER);
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const filter: AuditTrailFilter = {};
    if (personId !== undefined && personId !== null) {
      if (!isUuid(personId)) return toPage([], size, 0, () => [], toEvent);
      filter.personId = bind(personId);
    }
    if (from) filter.from = bind(from);
    if (to) filter.to = bind(to);
    if (actor?.trim()) {
      filter.actor = bind(`%${actor.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const conditions = auditTrailConditions(filter);
    const countParams = [...params];
    const sql = auditTrail(conditions, {
      keyset: cursor ? keysetCondition(AUDIT_ORDER, cursor, bind) : null,
      order: keysetOrder(AUDIT_ORDER),
      limit: size + 1,
    });
    const count: { n: number }[] = await this.dataSource.query(sql.count, countParams);
    const rows: AuditRow[] = await this.dataSource.query(sql.rows, params);
    return toPage(rows, size, count[0].n, (r) => [r.id], toEvent);
  }
}

import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { Principal } from '#libs/auth/principal.js';
import type { RequestContext } from '#libs/graphql/context.js';

export interface AuditEntry {
  /** e.g. Mutation.registerPerson, read:Person.documentNumber */
  action: string;
  personId: string | null;
  /** ok, or the error code of a refused or failed mutation. */
  outcome: string;
  context: Pick<RequestContext, 'principal' | 'clientAddress' | 'requestId'>;
}

const FLUSH_EVERY_MS = 200;
const FLUSH_AT = 500;

function actorOf(principal: Principal | null): string | null {
  if (!principal) return null;
  return principal.kind === 'user'
    ? `user:${principal.id}`
    : `apiKey:${principal.id}:${principal.name}`;
}

/**
 * Appends to the audit trail (audit.events). Entries are buffered briefly and
 * written in one statement, so auditing a page of 500 document numbers costs
 * one insert, not 500; the buffer is flushed on shutdown.
 */
@Injectable()
export class AuditWriter implements OnModuleDestroy {
  private buffer: (AuditEntry & { at: Date })[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  service = 'unknown';

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: PinoLogger,
  ) {}

  record(entry: AuditEntry): void {
    this.buffer.push({ ...entry, at: new Date() });
    if (this.buffer.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: (AuditEntry & { at: Date })[]): Promise<void> {
    try {
      await this.dataSource.query(
        `INSERT INTO audit.events (at, actor, action, person_id, outcome, client_address, request_id, service)
         SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[],
                              $7::text[], $8::text[])`,
        [
          batch.map((e) => e.at),
          batch.map((e) => actorOf(e.context.principal)),
          batch.map((e) => e.action),
          batch.map((e) => e.personId),
          batch.map((e) => e.outcome),
          batch.map((e) => e.context.clientAddress),
          batch.map((e) => e.context.requestId || null),
          batch.map(() => this.service),
        ],
      );
    } catch (error) {
      this.logger.error(
        { err: error, entries: batch.length },
        'audit entries could not be written',
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }
}

import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { Principal } from '#libs/auth/principal.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { AuditSql } from '#libs/sql/audit.sql.js';

export interface AuditEntry {
  /** e.g. Mutation.registerPerson, read:Person.documentNumber */
  action: string;
  personId: string | null;
  /** ok, or the error code of a refused or failed mutation. */
  outcome: string;
  context: Pick<RequestContext, 'principal' | 'clientAddress' | 'requestId'>;
}

const FLUSH_AT = 500;

/** The audit trail could not be written: what needed the record is not served. */
export class AuditWriteError extends Error {
  constructor(cause: unknown) {
    super('The audit record could not be written', { cause });
  }
}

interface Pending extends AuditEntry {
  at: Date;
  written: () => void;
  failed: (error: AuditWriteError) => void;
}

function actorOf(principal: Principal | null): string | null {
  if (!principal) return null;
  return principal.kind === 'user'
    ? `user:${principal.id}`
    : `apiKey:${principal.id}:${principal.name}`;
}

/**
 * Appends to the audit trail (audit.events). Entries recorded in the same turn
 * of the event loop are written in one statement, so auditing a page of 500
 * document numbers costs one insert, not 500; the buffer is flushed on shutdown.
 * `record` resolves once the entry is written and rejects (AuditWriteError) when
 * it could not be: callers await it before serving what it records.
 */
@Injectable()
export class AuditWriter implements OnModuleDestroy {
  private buffer: Pending[] = [];
  private timer: NodeJS.Immediate | null = null;
  private flushing: Promise<void> = Promise.resolve();
  service = 'unknown';

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: PinoLogger,
  ) {}

  record(entry: AuditEntry): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      // Fields named, not spread: a batch of movements records thousands (one per person).
      this.buffer.push({
        action: entry.action,
        personId: entry.personId,
        outcome: entry.outcome,
        context: entry.context,
        at: new Date(),
        written: resolve,
        failed: reject,
      });
    });
    // A caller that does not wait (a refusal being recorded) gets no unhandled rejection.
    written.catch(() => undefined);
    if (this.buffer.length >= FLUSH_AT) void this.flush();
    else this.timer ??= setImmediate(() => void this.flush());
    return written;
  }

  flush(): Promise<void> {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.dataSource.query(AuditSql.events.append, [
        batch.map((e) => e.at),
        batch.map((e) => actorOf(e.context.principal)),
        batch.map((e) => e.action),
        batch.map((e) => e.personId),
        batch.map((e) => e.outcome),
        batch.map((e) => e.context.clientAddress),
        batch.map((e) => e.context.requestId || null),
        batch.map(() => this.service),
      ]);
      for (const entry of batch) entry.written();
    } catch (error) {
      this.logger.error(
        { err: error, entries: batch.length },
        'audit entries could not be written',
      );
      const failure = new AuditWriteError(error);
      for (const entry of batch) entry.failed(failure);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }
}

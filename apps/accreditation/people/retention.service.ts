import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuditWriter, type AuditEntry } from '#libs/audit/audit.writer.js';
import { Clock } from '#libs/common/clock.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';

export const ERASED_NAME = '[erased]';
const DAY_MS = 86_400_000;

/** Who asked for an erasure, for the audit trail: an ADMIN's request, or the scheduled job. */
export type ErasureContext = AuditEntry['context'];
const SCHEDULED: ErasureContext = { principal: null, clientAddress: null, requestId: '' };

export interface ErasureResult {
  /** People whose identifying data this run erased. */
  erased: number;
  /** Accreditations that ended before this instant were due. */
  endedBefore: Date;
}

/**
 * Retention: RETENTION_DAYS after an accreditation ends, the person's identifying data is
 * erased: names, the day and month of birth (the year stays for age statistics), the
 * document number and the portrait. Organisation, function, nationality, category and the
 * accreditation's dates stay for statistics; the person's id stays, so the movement log
 * (which holds only ids) is untouched and still verifies. Each erasure is recorded in the
 * audit trail (`erase:Person`). Run by a job on every instance (idempotent: a person is
 * erased once) and by the eraseExpiredPersonalData mutation.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AccreditationConfig,
    private readonly audit: AuditWriter,
    private readonly logger: PinoLogger,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.RETENTION_SWEEP_SECONDS;
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      this.running = this.eraseExpired().catch((error: unknown) =>
        this.logger.error({ err: error }, 'scheduled erasure of personal data failed'),
      );
    }, seconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Erases everyone due at `now`; `now` is injectable for tests. */
  async eraseExpired(
    now: Date = this.clock.now(),
    context: ErasureContext = SCHEDULED,
  ): Promise<ErasureResult> {
    const endedBefore = new Date(now.getTime() - this.config.RETENTION_DAYS * DAY_MS);
    const ids = await this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(AccreditationSql.people.eraseExpired, [
        endedBefore,
        now,
        ERASED_NAME,
      ]);
      const erased = rows.map((r) => r.id);
      if (erased.length > 0) await this.erasePortraits(manager, erased);
      return erased;
    });
    await Promise.all(
      ids.map((personId) =>
        this.audit.record({ action: 'erase:Person', personId, outcome: 'ok', context }),
      ),
    );
    if (ids.length > 0) {
      this.logger.info({ erased: ids.length, endedBefore }, 'personal data erased');
    }
    return { erased: ids.length, endedBefore };
  }

  /** Portraits, where the system keeps them (accreditation.person_photos). */
  private async erasePortraits(
    manager: { query(sql: string, params?: unknown[]): Promise<unknown> },
    ids: string[],
  ): Promise<void> {
    const [{ table }] = (await manager.query(AccreditationSql.portraits.table)) as {
      table: string | null;
    }[];
    if (table) await manager.query(AccreditationSql.portraits.erase, [ids]);
  }
}

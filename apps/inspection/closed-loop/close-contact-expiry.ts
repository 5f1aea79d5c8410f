import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#libs/common/clock.js';
import { InspectionSql } from '#libs/sql/inspection.sql.js';
import { ClosedLoopService } from '#apps/inspection/closed-loop/closed-loop.service.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';

/** People settled per transaction-less pass; the rest wait for the next pass. */
const BATCH = 500;

/**
 * Stores the expiry of close contacts as it falls due: every CLOSE_CONTACT_SWEEP_SECONDS,
 * each CLOSE_CONTACT whose closeContactUntil has passed (by the clock) becomes IN_LOOP,
 * with its history line, each in a transaction of its own that takes the person's lock.
 * Reads already show the expiry at once (ClosedLoopService.byPersonIds); this keeps the
 * stored status, and so the published view and the people lists, in step.
 */
@Injectable()
export class CloseContactExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CloseContactExpiry');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly closedLoop: ClosedLoopService,
    private readonly clock: Clock,
    private readonly config: InspectionConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep(),
      this.config.CLOSE_CONTACT_SWEEP_SECONDS * 1000,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Settles those due now; answers how many were looked at. Never throws. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const due: { person_id: string }[] = await this.dataSource.query(
        InspectionSql.closedLoop.expiredCloseContacts,
        [this.clock.now(), BATCH],
      );
      for (const { person_id } of due) {
        await this.dataSource.transaction((manager) => this.closedLoop.settle(manager, person_id));
      }
      return due.length;
    } catch (error) {
      this.logger.error(`could not settle expired close contacts: ${String(error)}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}

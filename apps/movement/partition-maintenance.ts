import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ensurePartitions } from '#libs/movement/partitions.js';
import { MovementConfig } from '#apps/movement/movement.config.js';

/**
 * Keeps the log's monthly partitions created ahead: at start and then every
 * PARTITION_CHECK_HOURS (a day by default), so an event never lands in the
 * default partition for want of its month.
 */
@Injectable()
export class PartitionMaintenance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PartitionMaintenance');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MovementConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.run();
    this.timer = setInterval(() => void this.run(), this.config.PARTITION_CHECK_HOURS * 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(): Promise<void> {
    try {
      const created = await ensurePartitions(this.dataSource.manager);
      if (created > 0) this.logger.log(`created ${created} partition(s) of movement.events`);
    } catch (error) {
      this.logger.error(`could not create partitions ahead: ${String(error)}`);
    }
  }
}

import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ServiceConfig } from '#libs/common/service-config.js';

export class MovementConfig extends ServiceConfig {
  /** How often the service makes sure the log's monthly partitions exist ahead (and at start). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(168)
  PARTITION_CHECK_HOURS: number = 24;
}

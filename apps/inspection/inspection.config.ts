import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '#libs/common/service-config.js';

export class InspectionConfig extends ServiceConfig {
  /** Hours a negative test keeps a person admissible to closed-loop areas. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  TEST_INTERVAL_HOURS: number = 24;

  /** Days a designated close contact stays under closer watch. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  CLOSE_CONTACT_DAYS: number = 7;

  /** How often expired close contacts are stored as IN_LOOP again (reads show it at once). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3600)
  CLOSE_CONTACT_SWEEP_SECONDS: number = 60;

  /**
   * Most scans one database call (one transaction, one commit) decides and records:
   * scans arriving while earlier ones are being recorded wait and go together. 1 records
   * every scan in a transaction of its own.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  CHECK_IN_BATCH: number = 50;

  /** Fan-out of the live check-in feed across instances (redis://...); in-memory without it. */
  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  /** Alternative fan-out through NATS (nats://...). */
  @IsOptional()
  @IsString()
  NATS_URL?: string;

  /** Prefix of the feed's channel; instances that serve one system share it. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be letters, digits, dashes or underscores' })
  FEED_CHANNEL_PREFIX: string = 'games';
}

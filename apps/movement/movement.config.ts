import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from '#libs/common/service-config.js';

export class MovementConfig extends ServiceConfig {
  /** How often the service makes sure the log's monthly partitions exist ahead (and at start). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(168)
  PARTITION_CHECK_HOURS: number = 24;

  /**
   * The Ed25519 private key (a JWK with a kid, JSON) that signs checkpoints of the chain
   * heads. A secret the database must never hold: it is what makes a rewrite of the log
   * by someone holding the database detectable.
   */
  @IsString()
  MOVEMENT_CHECKPOINT_KEY!: string;

  /** Public JWKs (a JSON array, each with its kid) of earlier checkpoint keys, after a rotation. */
  @IsOptional()
  @IsString()
  MOVEMENT_CHECKPOINT_PREVIOUS_KEYS?: string;

  /** How often the chain heads are signed (when they moved since the last checkpoint). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  MOVEMENT_CHECKPOINT_MINUTES: number = 5;

  /** Where the latest checkpoint is also kept, outside the database (a file). */
  @IsOptional()
  @IsString()
  MOVEMENT_CHECKPOINT_FILE?: string;

  /** What a log line or an error report may show of this configuration: no secret. */
  override toJSON(): object {
    return { ...super.toJSON(), MOVEMENT_CHECKPOINT_KEY: '[redacted]' };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return this.toJSON();
  }
}

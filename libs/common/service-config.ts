import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/** Configuration every service reads from its environment. */
export class ServiceConfig {
  /** postgres://user:password@host:port/database */
  @IsString()
  DATABASE_URL!: string;

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  /** Signs and verifies staff session tokens; the same value on every service. */
  @IsString()
  @MinLength(32)
  JWT_SECRET!: string;

  /**
   * Shared with the gateway only: a request without the gateway's proof signed with it
   * is refused (see libs/auth/gateway-proof.ts).
   */
  @IsString()
  @MinLength(32)
  GATEWAY_SECRET!: string;

  @IsOptional()
  @IsIn(['production', 'development', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  DB_POOL_SIZE: number = 10;

  @IsOptional()
  @IsString()
  HOST: string = '0.0.0.0';

  /**
   * Tests only: "on" binds an adjustable clock and mounts POST /test/clock to move it.
   * Refused in production (the service does not start).
   */
  @IsOptional()
  @IsIn(['on'])
  TEST_CLOCK_CONTROL?: string;

  /**
   * The bearer a Prometheus scraper presents to GET /metrics; /metrics is off without it.
   * Not a login secret: it only reads the figures.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** What a log line or an error report may show of this configuration: no secret. */
  toJSON(): object {
    return {
      ...this,
      JWT_SECRET: '[redacted]',
      GATEWAY_SECRET: '[redacted]',
      DATABASE_URL: '[redacted]',
      METRICS_TOKEN: this.METRICS_TOKEN ? '[redacted]' : undefined,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return this.toJSON();
  }
}

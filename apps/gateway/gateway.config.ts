import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const URL_OPTIONS = { require_tld: false, protocols: ['http', 'https'] };

export class GatewayConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 4000;

  @IsOptional()
  @IsString()
  HOST: string = '0.0.0.0';

  /** The subgraphs' GraphQL endpoints, e.g. http://10.0.0.5:4001/graphql. */
  @IsUrl(URL_OPTIONS)
  ACCREDITATION_URL!: string;

  @IsUrl(URL_OPTIONS)
  INSPECTION_URL!: string;

  @IsUrl(URL_OPTIONS)
  MOVEMENT_URL!: string;

  /** The composed supergraph; defaults to the committed schema/supergraph.graphql. */
  @IsOptional()
  @IsString()
  SUPERGRAPH_PATH?: string;

  /** The built staff web client, served at /; defaults to dist/staff-web. */
  @IsOptional()
  @IsString()
  WEB_ROOT?: string;

  @IsOptional()
  @IsIn(['production', 'development', 'test'])
  NODE_ENV?: string;

  /** Shared with the services only: signs the proof that a request to a subgraph is ours. */
  @IsString()
  @MinLength(32)
  GATEWAY_SECRET!: string;

  /**
   * How many proxies in front of the gateway append to X-Forwarded-For: `true` is one (a
   * load balancer), a number says how many, `false` (default) none. The client's address is
   * the entry that many places from the right; what a client writes itself never counts.
   */
  @IsOptional()
  // Read from the raw variable: implicit conversion would make the string "false" true.
  @Transform(({ obj }: { obj: Record<string, unknown> }) => trustedHops(obj.TRUST_PROXY))
  @IsInt({ message: 'TRUST_PROXY must be true, false or a number of proxies' })
  @Min(0)
  @Max(10)
  TRUST_PROXY: number = 0;

  /**
   * Origins (scheme://host[:port], comma-separated) whose pages may call the API from a
   * browser with credentials; none by default, so only pages the gateway serves itself can.
   */
  @IsOptional()
  @Matches(/^(https?:\/\/[^\s,/]+)(,\s*https?:\/\/[^\s,/]+)*$/, {
    message: 'CORS_ORIGINS must be origins such as https://staff.example.org, comma-separated',
  })
  CORS_ORIGINS?: string;

  /** The bearer a Prometheus scraper presents to GET /metrics; /metrics is off without it. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /**
   * An operation one subgraph answers whole is sent to it as written (apps/gateway/forwarding);
   * `false` plans and resolves every operation in the runtime, as a comparison or a fallback.
   */
  @IsOptional()
  // Read from the raw variable: implicit conversion would make the string "false" true.
  @Transform(
    ({ obj }: { obj: Record<string, unknown> }) => obj.FORWARD_WHOLE_OPERATIONS !== 'false',
  )
  @IsBoolean()
  FORWARD_WHOLE_OPERATIONS: boolean = true;

  get corsOrigins(): string[] {
    return (this.CORS_ORIGINS ?? '').split(',').flatMap((o) => (o.trim() ? [o.trim()] : []));
  }

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** What a log line or an error report may show of this configuration: no secret. */
  toJSON(): object {
    return {
      ...this,
      GATEWAY_SECRET: '[redacted]',
      METRICS_TOKEN: this.METRICS_TOKEN ? '[redacted]' : undefined,
    };
  }
}

function trustedHops(value: unknown): unknown {
  if (value === undefined || value === '' || value === 'false' || value === false) return 0;
  if (value === 'true' || value === true) return 1;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

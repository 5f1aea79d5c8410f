import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';

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

  /** Set behind a load balancer that writes X-Forwarded-For; otherwise the socket's address counts. */
  @IsOptional()
  // Read from the raw variable: implicit conversion would make the string "false" true.
  @Transform(({ obj }: { obj: Record<string, unknown> }) =>
    ['true', '1', true].includes(obj.TRUST_PROXY as string | boolean),
  )
  @IsBoolean()
  TRUST_PROXY: boolean = false;

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }
}

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

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }
}

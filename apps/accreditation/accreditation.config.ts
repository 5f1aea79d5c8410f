import { IsEmail, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '#libs/common/service-config.js';

export class AccreditationConfig extends ServiceConfig {
  /** The first ADMIN, created when no user exists. */
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL: string = 'admin@games.local';

  /** Without it the first ADMIN gets a generated password, printed once. */
  @IsOptional()
  @IsString()
  @MinLength(12)
  ADMIN_PASSWORD?: string;

  /** How long a staff session lasts: one shift. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(72)
  SESSION_TTL_HOURS: number = 12;

  /** The Ed25519 private key that signs card tokens, as a JWK (JSON) with a kid. */
  @IsString()
  CARD_SIGNING_KEY!: string;
}

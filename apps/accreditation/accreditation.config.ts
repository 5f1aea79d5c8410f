import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
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

  /**
   * The Ed25519 private key that signs card tokens, as a JWK (JSON) with a kid.
   * A secret: never logged (see toJSON). To rotate, give a new key with a new
   * kid: the previous public key stays published, so cards printed before keep
   * verifying until their key is retired.
   */
  @IsString()
  CARD_SIGNING_KEY!: string;

  /**
   * kids of card-signing keys to retire at start (comma-separated): their
   * public keys leave the JWK Set and tokens they signed stop verifying.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[\w.:-]+(,[\w.:-]+)*$/, { message: 'must be kids separated by commas' })
  CARD_RETIRED_KEY_IDS?: string;

  /**
   * Whether approval needs the holder's portrait (the default, as a gate compares the card's
   * portrait with the face in front of it). false lets cards be approved without one.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  PORTRAIT_REQUIRED_FOR_APPROVAL: string = 'true';

  get portraitRequiredForApproval(): boolean {
    return this.PORTRAIT_REQUIRED_FOR_APPROVAL !== 'false';
  }

  get retiredCardKeyIds(): string[] {
    return (this.CARD_RETIRED_KEY_IDS ?? '').split(',').filter((kid) => kid !== '');
  }

  /** What a log line or an error report may show of this configuration: no secret. */
  /**
   * Days after an accreditation's end (valid_until) at which the person's identifying data
   * (names, date of birth to the year, document number, portrait) is erased.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  RETENTION_DAYS: number = 90;

  /** How often each instance looks for people due for erasure; 0 turns the job off. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  RETENTION_SWEEP_SECONDS: number = 3600;

  override toJSON(): object {
    return { ...super.toJSON(), CARD_SIGNING_KEY: '[redacted]' };
  }
}

import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageInfo } from '#libs/graphql/pagination.js';
import { InspectionArea } from '#apps/inspection/areas/area.type.js';
import { Person } from '#apps/inspection/closed-loop/person.type.js';

export enum Direction {
  IN = 'IN',
  OUT = 'OUT',
}
export enum Decision {
  ADMITTED = 'ADMITTED',
  DENIED = 'DENIED',
}
/** Declaration order is the order reasons are reported in. */
export enum DenialReason {
  UNKNOWN_CARD = 'UNKNOWN_CARD',
  INVALID_TOKEN = 'INVALID_TOKEN',
  SUPERSEDED_TOKEN = 'SUPERSEDED_TOKEN',
  DOCUMENT_MISMATCH = 'DOCUMENT_MISMATCH',
  NOT_APPROVED = 'NOT_APPROVED',
  NOT_ACTIVE = 'NOT_ACTIVE',
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
  OUTSIDE_VALIDITY = 'OUTSIDE_VALIDITY',
  NO_VENUE_ACCESS = 'NO_VENUE_ACCESS',
  NO_ZONE_ACCESS = 'NO_ZONE_ACCESS',
  NOT_IN_CLOSED_LOOP = 'NOT_IN_CLOSED_LOOP',
  ISOLATED = 'ISOLATED',
  TEST_OVERDUE = 'TEST_OVERDUE',
  ALREADY_INSIDE = 'ALREADY_INSIDE',
}
registerEnumType(Direction, { name: 'Direction' });
registerEnumType(Decision, { name: 'Decision' });
registerEnumType(DenialReason, { name: 'DenialReason' });

@ObjectType()
export class CheckIn {
  @Field(() => ID)
  id!: string;

  @Field(() => InspectionArea)
  area?: InspectionArea;

  areaCode!: string;

  @Field(() => Person, {
    nullable: true,
    description: 'Null when the card is unknown or the token invalid.',
  })
  person?: Person | null;

  personId!: string | null;

  @Field(() => Direction)
  direction!: Direction;

  @Field(() => Decision)
  decision!: Decision;

  @Field(() => [DenialReason], {
    description: "Every reason that applies, in the enum's order; empty when ADMITTED.",
  })
  reasons!: DenialReason[];

  @Field()
  scannedAt!: Date;

  @Field()
  recordedAt!: Date;

  @Field(() => String, { nullable: true })
  deviceId!: string | null;

  @Field(() => Decision, {
    nullable: true,
    description: 'What an offline device decided on the spot, when it decided alone.',
  })
  deviceDecision!: Decision | null;

  @Field({ description: 'True when deviceDecision differs from decision: to be reviewed.' })
  conflict!: boolean;

  @Field({
    description: 'True when this id had been recorded before and the first result is returned.',
  })
  replayed!: boolean;
}

@ObjectType()
export class CheckInEdge {
  @Field()
  cursor!: string;

  @Field(() => CheckIn)
  node!: CheckIn;
}

@ObjectType()
export class CheckInConnection {
  @Field(() => [CheckInEdge])
  edges!: CheckInEdge[];

  @Field(() => [CheckIn])
  nodes!: CheckIn[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@InputType({
  description: `id is made by the scanning device (a UUID) and makes the call idempotent.
Exactly one of cardToken and cardNumber. scannedAt defaults to now.
deviceDecision is set by a device that decided offline: what it decided is
what happened at the gate, so an offline ADMITTED is logged as an entry even
where the server decides DENIED (then conflict is true).`,
})
export class CheckInInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID made by the device' })
  id!: string;

  @Field()
  @Length(1, 40)
  areaCode!: string;

  @Field(() => Direction)
  @IsEnum(Direction)
  direction!: Direction;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(4096)
  cardToken?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[\d\s-]{1,20}$/, { message: 'must be the digits printed on the card' })
  cardNumber?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  scannedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  deviceId?: string | null;

  @Field(() => Decision, { nullable: true })
  @IsOptional()
  @IsEnum(Decision)
  deviceDecision?: Decision | null;
}

@ArgsType()
export class CheckInsArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 40)
  areaCode?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  personId?: string | null;

  @Field(() => Decision, { nullable: true })
  @IsOptional()
  @IsEnum(Decision)
  decision?: Decision | null;

  @Field(() => Date, { nullable: true, description: 'Scanned at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Scanned before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only offline decisions the server decided otherwise, for review; false: only the others.',
  })
  @IsOptional()
  @IsBoolean()
  conflict?: boolean | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(500)
  first?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  after?: string | null;
}

import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsDate, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { InspectionArea } from '#apps/inspection/areas/area.type.js';
import { Decision, DenialReason } from '#apps/inspection/check-ins/check-in.type.js';
import { Person } from '#apps/inspection/closed-loop/person.type.js';

@ObjectType()
export class Arrival {
  @Field(() => ID)
  id!: string;

  @Field(() => Person, { nullable: true })
  person?: Person | null;

  personId!: string | null;

  @Field(() => InspectionArea)
  area?: InspectionArea;

  areaCode!: string;

  @Field(() => Decision)
  decision!: Decision;

  @Field(() => [DenialReason])
  reasons!: DenialReason[];

  @Field()
  arrivedAt!: Date;

  @Field()
  replayed!: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      'Set when the card had already arrived and not departed (reason ALREADY_INSIDE): when it arrived. Nothing is recorded again.',
  })
  alreadyArrivedAt?: Date | null;
}

/** "sk 4021" is SK4021: spaces dropped, upper case, before the format is checked. */
export function normaliseFlightNumber(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value;
}

@InputType()
export class ArrivalInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;

  @Field({ description: 'A PORT_OF_ENTRY area.' })
  @Length(1, 40)
  areaCode!: string;

  @Field()
  @Matches(/^[\d\s-]{1,20}$/, { message: 'must be the digits printed on the card' })
  cardNumber!: string;

  @Field()
  @Length(1, 30)
  documentNumber!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Spaces are dropped and letters upper-cased ("sk 4021" is SK4021).',
  })
  @Transform(({ value }) => normaliseFlightNumber(value))
  @IsOptional()
  @Matches(/^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/, { message: 'must be a flight number like CA123' })
  flightNumber?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  arrivedAt?: Date | null;
}

@InputType()
export class DepartureInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;

  @Field()
  @Length(1, 40)
  areaCode!: string;

  @Field()
  @Matches(/^[\d\s-]{1,20}$/, { message: 'must be the digits printed on the card' })
  cardNumber!: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  departedAt?: Date | null;
}

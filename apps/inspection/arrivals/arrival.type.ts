import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
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

  @Field(() => String, { nullable: true })
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

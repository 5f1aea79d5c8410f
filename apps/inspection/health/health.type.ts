import {
  Directive,
  Field,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { IsDate, IsEnum, IsUUID } from 'class-validator';
import { Person } from '#apps/inspection/closed-loop/person.type.js';

export enum TestResult {
  NEGATIVE = 'NEGATIVE',
  POSITIVE = 'POSITIVE',
}
registerEnumType(TestResult, { name: 'TestResult' });

@InputType()
export class TestResultInput {
  @Field(() => ID, { description: 'Made by the laboratory system; makes the call idempotent.' })
  @IsUUID('all', { message: 'must be a UUID made by the laboratory system' })
  id!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a person id' })
  personId!: string;

  @Field()
  @IsDate()
  sampledAt!: Date;

  @Field(() => TestResult)
  @IsEnum(TestResult)
  result!: TestResult;
}

/**
 * The movement subgraph's value types for a contact trace, declared
 * identically here (designateCloseContacts returns them) and shared.
 */
@ObjectType()
@Directive('@shareable')
export class Encounter {
  @Field()
  location!: string;

  @Field()
  from!: Date;

  @Field()
  until!: Date;

  @Field(() => Int)
  minutes!: number;
}

@ObjectType()
@Directive('@shareable')
export class Contact {
  @Field(() => Person)
  person!: Person;

  @Field(() => Int, { description: "Sum of the encounters' minutes." })
  totalMinutes!: number;

  @Field(() => [Encounter])
  encounters!: Encounter[];
}

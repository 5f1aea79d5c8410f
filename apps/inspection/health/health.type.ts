import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsUUID } from 'class-validator';
import { ContactFields } from '#libs/movement/contact.types.js';
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

/** A contact as designateCloseContacts returns it (the fields shared with movement's). */
@ObjectType()
@Directive('@shareable')
export class Contact extends ContactFields {
  @Field(() => Person)
  person!: Person;
}

import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The accreditation service's Person, extended here with its closed-loop state. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id!: string;
}

import { Directive, Field, Int, ObjectType } from '@nestjs/graphql';

/** One overlap of two people's stays at one location. */
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

/**
 * What a contact is, declared once for both subgraphs that return one (movement's
 * `contacts`, inspection's `designateCloseContacts`); each adds `person` from its own
 * Person reference and marks its Contact `@shareable`.
 */
@ObjectType({ isAbstract: true })
export abstract class ContactFields {
  @Field(() => Int, { description: "Sum of the encounters' minutes." })
  totalMinutes!: number;

  @Field(() => [Encounter])
  encounters!: Encounter[];
}

import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A scan annulled as a mistake.' })
export class Annulment {
  @Field()
  at!: Date;

  @Field({ description: "Who annulled it: a user's email or an API key's name." })
  by!: string;

  @Field()
  reason!: string;
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';

@ObjectType()
export class AccreditationEvent {
  @Field(() => AccreditationStatus)
  status!: AccreditationStatus;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  at!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      "Who made the change: a user's email or an API key's name; to API keys only 'staff' or 'api key'.",
  })
  by!: string | null;
}

@ObjectType()
export class Accreditation {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique, printed on the card.' })
  cardNumber!: string;

  @Field({ description: 'e.g. Aa, Ao, E, TF.' })
  category!: string;

  @Field(() => AccreditationStatus)
  status!: AccreditationStatus;

  @Field()
  validFrom!: Date;

  @Field()
  validUntil!: Date;

  @Field(() => [String], { description: 'Venue codes the holder may enter; * for all.' })
  venues!: string[];

  @Field(() => [String], { description: 'Zone codes the holder may enter; * for all.' })
  zones!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      "Signed payload for the card's QR code; null while SUBMITTED, and for callers who may not see live tokens.",
  })
  cardToken!: string | null;

  personId!: string;
  tokenVersion!: number;
}

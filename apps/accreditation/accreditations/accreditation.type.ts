import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';

@ObjectType({ description: 'One field changed by updatePerson.' })
export class FieldChange {
  @Field({ description: 'The input field, e.g. givenName, venues, validUntil.' })
  field!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The value before; null for identifying data (names, date of birth, document number), which the history does not keep.',
  })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after; null as for from.' })
  to!: string | null;
}

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

  @Field(() => [FieldChange], {
    description: 'The fields updatePerson changed; empty for a change of status.',
  })
  changes!: FieldChange[];
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

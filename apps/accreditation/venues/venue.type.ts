import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, Length, Matches } from 'class-validator';
import { PRINTABLE } from '#libs/common/validators.js';

@ObjectType({
  description:
    'A venue of the Games and the zone codes inside it; venues and zones on cards must be in this catalogue (or *).',
})
export class Venue {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => [String])
  zones!: string[];

  @Field(() => Int, {
    description:
      "The venue's position in the catalogue, never reused: a card token carries its venues as a bit set over these positions.",
  })
  position!: number;

  @Field(() => [Int], {
    description:
      "Each of the zones' positions, in the same order: a card token carries its zones as a bit set over these positions.",
  })
  zonePositions!: number[];
}

@InputType()
export class VenueInput {
  @Field()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,19}$/, {
    message: 'must be 1 to 20 upper-case letters, digits or dashes, e.g. NST',
  })
  code!: string;

  @Field()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'must not contain control characters' })
  name!: string;

  @Field(() => [String])
  @ArrayMaxSize(16)
  @ArrayUnique({ message: 'must not repeat a zone' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,19}$/, {
    each: true,
    message: 'each zone must be 1 to 20 upper-case letters, digits or dashes, e.g. 1 or ARR',
  })
  zones!: string[];
}

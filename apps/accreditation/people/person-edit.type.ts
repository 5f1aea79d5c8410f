import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { DateScalar } from '#libs/graphql/scalars.js';
import { FieldChange } from '#apps/accreditation/accreditations/accreditation.type.js';
import { IsBefore } from '#apps/accreditation/people/date.validators.js';
import {
  CategoryCode,
  DateOfBirth,
  DocumentNumber,
  Instant,
  Nationality,
  PersonText,
  VALIDITY_ORDER,
  VenueCodes,
  ZoneCodes,
} from '#apps/accreditation/people/person.rules.js';
import { Person } from '#apps/accreditation/people/person.type.js';

/** A correction of a registered person: only the fields given change, for the reason given. */
@InputType()
export class UpdatePersonInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a person id' })
  personId!: string;

  @Field({ description: 'Why the change is made; kept in the accreditation history.' })
  @Length(1, 1000, { message: 'must say why, in at most 1000 characters' })
  reason!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PersonText()
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PersonText()
  familyName?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @DateOfBirth()
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Nationality()
  nationality?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @PersonText()
  function?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @DocumentNumber()
  documentNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'A category code of the Games.' })
  @IsOptional()
  @CategoryCode()
  category?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Instant()
  @IsBefore('validUntil', { message: VALIDITY_ORDER })
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Instant()
  validUntil?: Date | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @VenueCodes()
  venues?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ZoneCodes()
  zones?: string[] | null;
}

@ObjectType()
export class UpdatePersonPayload {
  @Field(() => Person)
  person!: Person;

  @Field(() => [FieldChange], {
    description: 'What changed (fields given unchanged are not listed).',
  })
  changes!: FieldChange[];

  @Field({
    description:
      'True when the change of category, validity, venues or zones gave the card a new token: the card printed before no longer opens gates.',
  })
  cardReissued!: boolean;
}

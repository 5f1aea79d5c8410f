import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
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
import { DateScalar } from '#libs/graphql/scalars.js';
import { Accreditation } from '#apps/accreditation/accreditations/accreditation.type.js';
import { Organisation } from '#apps/accreditation/organisations/organisation.type.js';
import { PageInfo } from '#libs/graphql/pagination.js';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';

@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id!: string;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field(() => DateScalar)
  dateOfBirth!: string;

  @Field({ description: 'ISO 3166-1 alpha-3.' })
  nationality!: string;

  @Field({ description: 'e.g. Athlete, Coach, Journalist, Driver.' })
  function!: string;

  organisationId!: string;

  /** Always loaded; the field resolver hides it from callers not allowed to see it. */
  documentNumber!: string;
}

@ObjectType()
export class PersonEdge {
  @Field()
  cursor!: string;

  @Field(() => Person)
  node!: Person;
}

@ObjectType()
export class PersonConnection {
  @Field(() => [PersonEdge])
  edges!: PersonEdge[];

  @Field(() => [Person])
  nodes!: Person[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@InputType()
export class PeopleFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  organisationId?: string | null;

  @Field(() => AccreditationStatus, { nullable: true })
  @IsOptional()
  status?: AccreditationStatus | null;

  @Field(() => ClosedLoopStatus, { nullable: true })
  @IsOptional()
  closedLoopStatus?: ClosedLoopStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive match on names, card number or document number.',
  })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}

@InputType()
export class AccreditationInput {
  @Field()
  @CategoryCode()
  category!: string;

  @Field(() => [String])
  @VenueCodes()
  venues!: string[];

  @Field(() => [String])
  @ZoneCodes()
  zones!: string[];

  @Field()
  @Instant()
  @IsBefore('validUntil', { message: VALIDITY_ORDER })
  validFrom!: Date;

  @Field()
  @Instant()
  validUntil!: Date;
}

@InputType()
export class RegisterPersonInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field()
  @PersonText()
  givenName!: string;

  @Field()
  @PersonText()
  familyName!: string;

  @Field(() => DateScalar)
  @DateOfBirth()
  dateOfBirth!: string;

  @Field()
  @Nationality()
  nationality!: string;

  @Field()
  @PersonText()
  function!: string;

  @Field()
  @DocumentNumber()
  documentNumber!: string;

  @Field(() => AccreditationInput)
  @ValidateNested()
  @Type(() => AccreditationInput)
  accreditation!: AccreditationInput;
}

export { Organisation, Accreditation };

import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsDate,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCountryCode, PRINTABLE } from '#libs/common/validators.js';
import { IsPastDate, IsBefore } from '#apps/accreditation/people/date.validators.js';
import { DateScalar } from '#libs/graphql/scalars.js';
import { Accreditation } from '#apps/accreditation/accreditations/accreditation.type.js';
import { Organisation } from '#apps/accreditation/organisations/organisation.type.js';
import { PageInfo } from '#libs/graphql/pagination.js';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';

const NO_CONTROL = { message: 'must not contain control characters' };

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
  @Length(1, 10)
  category!: string;

  @Field(() => [String])
  @ArrayNotEmpty({ message: 'must list at least one venue code (or *)' })
  @ArrayMaxSize(200)
  @Matches(/^(\*|[A-Z0-9][A-Z0-9-]{0,39})$/, {
    each: true,
    message: 'each venue must be a code like NST or *',
  })
  venues!: string[];

  @Field(() => [String])
  @ArrayNotEmpty({ message: 'must list at least one zone code (or *)' })
  @ArrayMaxSize(200)
  @Matches(/^(\*|[A-Za-z0-9][A-Za-z0-9-]{0,39})$/, {
    each: true,
    message: 'each zone must be a code like 1 or *',
  })
  zones!: string[];

  @Field()
  @IsDate({ message: 'must be a date and time, e.g. 2022-02-01T08:30:00Z' })
  @IsBefore('validUntil', { message: 'must be before validUntil' })
  validFrom!: Date;

  @Field()
  @IsDate({ message: 'must be a date and time, e.g. 2022-02-01T08:30:00Z' })
  validUntil!: Date;
}

@InputType()
export class RegisterPersonInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field()
  @Length(1, 100)
  @Matches(PRINTABLE, NO_CONTROL)
  givenName!: string;

  @Field()
  @Length(1, 100)
  @Matches(PRINTABLE, NO_CONTROL)
  familyName!: string;

  @Field(() => DateScalar)
  @IsPastDate()
  dateOfBirth!: string;

  @Field()
  @IsCountryCode()
  nationality!: string;

  @Field()
  @Length(1, 100)
  @Matches(PRINTABLE, NO_CONTROL)
  function!: string;

  @Field()
  @Matches(/^[A-Za-z0-9<-]{3,30}$/, { message: 'must be 3 to 30 letters, digits, < or -' })
  documentNumber!: string;

  @Field(() => AccreditationInput)
  @ValidateNested()
  @Type(() => AccreditationInput)
  accreditation!: AccreditationInput;
}

export { Organisation, Accreditation };

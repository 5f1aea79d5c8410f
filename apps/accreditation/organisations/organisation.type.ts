import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, Length, Matches } from 'class-validator';
import { IsCountryCode, PRINTABLE } from '#libs/common/validators.js';

export enum OrganisationType {
  NOC = 'NOC',
  IF = 'IF',
  OCOG = 'OCOG',
  MEDIA = 'MEDIA',
  BROADCASTER = 'BROADCASTER',
  MARKETING_PARTNER = 'MARKETING_PARTNER',
  WORKFORCE = 'WORKFORCE',
  GOVERNMENT = 'GOVERNMENT',
  OTHER = 'OTHER',
}
registerEnumType(OrganisationType, { name: 'OrganisationType' });

@ObjectType()
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique, e.g. NOC-CHN.' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => OrganisationType)
  type!: OrganisationType;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3.' })
  country!: string | null;
}

@InputType()
export class CreateOrganisationInput {
  @Field()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, {
    message: 'must be 2 to 40 upper-case letters, digits or dashes, e.g. NOC-CHN',
  })
  code!: string;

  @Field()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'must not contain control characters' })
  name!: string;

  @Field(() => OrganisationType)
  @IsEnum(OrganisationType)
  type!: OrganisationType;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCountryCode()
  country?: string | null;
}

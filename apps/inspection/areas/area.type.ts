import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, Length, Matches } from 'class-validator';
import { PRINTABLE } from '#libs/common/validators.js';

export enum AreaKind {
  PORT_OF_ENTRY = 'PORT_OF_ENTRY',
  VENUE = 'VENUE',
  ACCOMMODATION = 'ACCOMMODATION',
  TRANSPORT = 'TRANSPORT',
  VILLAGE = 'VILLAGE',
}
registerEnumType(AreaKind, { name: 'AreaKind' });

@ObjectType()
export class InspectionArea {
  @Field(() => ID)
  id!: string;

  @Field({
    description: 'Unique, e.g. PEK-T3-DIA or NST-VAPP-1; also its location in movement logs.',
  })
  code!: string;

  @Field()
  name!: string;

  @Field(() => AreaKind)
  kind!: AreaKind;

  @Field()
  venueCode!: string;

  @Field()
  zone!: string;

  @Field()
  closedLoop!: boolean;

  @Field(() => Int, { description: 'People inside now.' })
  occupancy?: number;
}

@InputType()
export class CreateInspectionAreaInput {
  @Field()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, {
    message: 'must be 2 to 40 upper-case letters, digits or dashes, e.g. NST-VAPP-1',
  })
  code!: string;

  @Field()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'must not contain control characters' })
  name!: string;

  @Field(() => AreaKind)
  @IsEnum(AreaKind)
  kind!: AreaKind;

  @Field()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/, { message: 'must be a venue code like NST' })
  venueCode!: string;

  @Field()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, { message: 'must be a zone code like 1 or FOP' })
  zone!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  closedLoop: boolean = true;
}

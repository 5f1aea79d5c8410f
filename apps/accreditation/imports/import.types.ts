import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID } from 'class-validator';

@InputType({
  description: `CSV with a header row naming these columns, in any order:
givenName,familyName,dateOfBirth,nationality,function,documentNumber,
category,venues,zones,validFrom,validUntil
venues and zones list codes separated by ';'. Either every row is imported or,
when any row is invalid, none is, and every invalid row is reported.`,
})
export class ImportPeopleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field()
  @IsString()
  csv!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean | null;
}

@ObjectType()
export class ImportRowError {
  @Field(() => Int, { description: '1-based line number in the CSV, the header being line 1.' })
  line!: number;

  @Field(() => String, { nullable: true })
  field!: string | null;

  @Field()
  message!: string;
}

@ObjectType()
export class ImportReport {
  @Field(() => Int)
  created!: number;

  @Field(() => [ImportRowError])
  errors!: ImportRowError[];

  @Field()
  dryRun!: boolean;
}

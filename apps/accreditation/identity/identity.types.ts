import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayUnique,
  IsEmail,
  IsEnum,
  IsOptional,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { ApiScope, Role } from '#libs/auth/roles.js';
import { PageInfo } from '#libs/graphql/pagination.js';
import { Organisation } from '#apps/accreditation/organisations/organisation.type.js';
import { Language } from '#apps/accreditation/identity/language.js';

registerEnumType(Role, { name: 'Role' });
registerEnumType(ApiScope, { name: 'ApiScope' });

@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => Organisation, { nullable: true })
  organisation?: Organisation | null;

  organisationId!: string | null;

  @Field({
    description: 'A disabled user cannot sign in, and every session of theirs is refused at once.',
  })
  disabled!: boolean;

  @Field(() => Language, {
    nullable: true,
    description:
      'The language the user chose for the staff screens; null: none chosen (the browser decides).',
  })
  preferredLanguage!: Language | null;
}

@ObjectType()
export class UserConnection {
  @Field(() => [User])
  nodes!: User[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType()
export class Session {
  @Field({ description: 'Sent back as `Authorization: Bearer <token>`.' })
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}

@ObjectType()
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [ApiScope])
  scopes!: ApiScope[];

  @Field(() => Organisation, {
    nullable: true,
    description: "A key bound to an organisation sees and writes only that organisation's people.",
  })
  organisation?: Organisation | null;

  organisationId!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class ApiKeyWithSecret {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'Shown once; sent back as `Authorization: Bearer <secret>`.' })
  secret!: string;
}

@InputType()
export class LoginInput {
  @Field()
  @Length(1, 320)
  email!: string;

  @Field()
  @Length(1, 1024)
  password!: string;
}

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field()
  @Length(12, 1024, { message: 'must be at least 12 characters long' })
  password!: string;

  @Field(() => [Role])
  @IsEnum(Role, { each: true })
  @ArrayUnique()
  roles!: Role[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId?: string | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => [ApiScope])
  @IsEnum(ApiScope, { each: true })
  @ArrayUnique()
  scopes!: ApiScope[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId?: string | null;
}

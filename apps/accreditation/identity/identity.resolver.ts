import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Principal } from '#libs/auth/principal.js';
import { CurrentContext, CurrentPrincipal, type RequestContext } from '#libs/graphql/context.js';
import { IdentityService } from '#apps/accreditation/identity/identity.service.js';
import {
  ApiKey,
  ApiKeyWithSecret,
  CreateApiKeyInput,
  CreateUserInput,
  LoginInput,
  Session,
  User,
  UserConnection,
} from '#apps/accreditation/identity/identity.types.js';
import { Language } from '#apps/accreditation/identity/language.js';
import { Organisation } from '#apps/accreditation/organisations/organisation.type.js';
import { OrganisationsService } from '#apps/accreditation/organisations/organisations.service.js';

@Resolver(() => User)
export class IdentityResolver {
  constructor(
    private readonly identity: IdentityService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Query(() => User, { nullable: true })
  me(@CurrentPrincipal() principal: Principal | null): Promise<User | null> {
    return this.identity.me(principal);
  }

  @Mutation(() => Session)
  login(@Args('input') input: LoginInput, @CurrentContext() ctx: RequestContext): Promise<Session> {
    return this.identity.login(input, ctx.clientAddress);
  }

  @Query(() => UserConnection, { description: 'ADMIN: every user, by email.' })
  users(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<UserConnection> {
    return this.identity.list(first, after);
  }

  @Query(() => [ApiKey], { description: 'ADMIN: every API key, newest first.' })
  apiKeys(): Promise<ApiKey[]> {
    return this.identity.listApiKeys();
  }

  @Mutation(() => Boolean, {
    description: 'Ends every session of the caller at once: tokens issued before now are refused.',
  })
  logout(@CurrentPrincipal() principal: Principal | null): Promise<boolean> {
    return this.identity.logout(principal);
  }

  @Mutation(() => User, {
    description:
      'The language the caller reads the staff screens in, on every device they sign in on.',
  })
  setPreferredLanguage(
    @Args('language', { type: () => Language }) language: Language,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<User> {
    return this.identity.setPreferredLanguage(principal, language);
  }

  @Mutation(() => User, {
    description: "ADMIN. Takes effect on the next request of any of the user's sessions.",
  })
  disableUser(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<User> {
    return this.identity.disableUser(id, principal);
  }

  @Mutation(() => User)
  enableUser(@Args('id', { type: () => ID }) id: string): Promise<User> {
    return this.identity.enableUser(id);
  }

  @Mutation(() => User)
  createUser(@Args('input') input: CreateUserInput): Promise<User> {
    return this.identity.createUser(input);
  }

  @Mutation(() => ApiKeyWithSecret)
  async createApiKey(
    @Args('input') input: CreateApiKeyInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<ApiKeyWithSecret> {
    return this.identity.createApiKey(input, await this.identity.actorName(principal));
  }

  @Mutation(() => ApiKey)
  revokeApiKey(@Args('id', { type: () => ID }) id: string): Promise<ApiKey> {
    return this.identity.revokeApiKey(id);
  }

  @ResolveField(() => Organisation, { nullable: true })
  organisation(@Parent() user: User): Promise<Organisation | null> {
    return user.organisationId
      ? this.organisations.byId(user.organisationId)
      : Promise.resolve(null);
  }
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly organisations: OrganisationsService) {}

  @ResolveField(() => Organisation, { nullable: true })
  organisation(@Parent() key: ApiKey): Promise<Organisation | null> {
    return key.organisationId ? this.organisations.byId(key.organisationId) : Promise.resolve(null);
  }
}

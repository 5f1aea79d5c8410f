import { Args, ID, Mutation, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { organisationScope, type Principal } from '#libs/auth/principal.js';
import { CurrentContext, CurrentPrincipal, type RequestContext } from '#libs/graphql/context.js';
import type { AccreditationLoaders } from '#apps/accreditation/accreditation.loaders.js';
import {
  CreateOrganisationInput,
  Organisation,
} from '#apps/accreditation/organisations/organisation.type.js';
import { OrganisationsService } from '#apps/accreditation/organisations/organisations.service.js';

@Resolver(() => Organisation)
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Query(() => [Organisation])
  organisations(@CurrentPrincipal() principal: Principal | null): Promise<Organisation[]> {
    return this.service.list(organisationScope(principal));
  }

  @Query(() => Organisation, { nullable: true })
  async organisation(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<Organisation | null> {
    const scope = organisationScope(principal);
    if (scope && scope !== id) return null;
    return this.service.byId(id);
  }

  /** The same organisation scope as `organisation(id)`, batched. */
  @ResolveReference()
  async resolveReference(
    @Parent() ref: { id: string },
    @CurrentContext() ctx: RequestContext<AccreditationLoaders>,
  ): Promise<Organisation | null> {
    const scope = organisationScope(ctx.principal);
    if (scope && scope !== ref.id) return null;
    return ctx.loaders.organisation.load(ref.id);
  }

  @Mutation(() => Organisation)
  createOrganisation(@Args('input') input: CreateOrganisationInput): Promise<Organisation> {
    return this.service.create(input);
  }
}

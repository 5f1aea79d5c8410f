import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { organisationScope, type Principal } from '#libs/auth/principal.js';
import { CurrentPrincipal } from '#libs/graphql/context.js';
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

  @Mutation(() => Organisation)
  createOrganisation(@Args('input') input: CreateOrganisationInput): Promise<Organisation> {
    return this.service.create(input);
  }
}

import { organisationScope } from '#libs/auth/principal.js';
import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import { CreateInspectionAreaInput, InspectionArea } from '#apps/inspection/areas/area.type.js';
import { AreasService } from '#apps/inspection/areas/areas.service.js';
import type { InspectionLoaders } from '#apps/inspection/inspection.loaders.js';

type Ctx = RequestContext<InspectionLoaders>;

@Resolver(() => InspectionArea)
export class AreasResolver {
  constructor(private readonly service: AreasService) {}

  @Query(() => [InspectionArea])
  inspectionAreas(): Promise<InspectionArea[]> {
    return this.service.list();
  }

  @Query(() => InspectionArea, { nullable: true })
  inspectionArea(@Args('code') code: string, @CurrentContext() ctx: Ctx) {
    return ctx.loaders.area.load(code);
  }

  @Mutation(() => InspectionArea)
  createInspectionArea(@Args('input') input: CreateInspectionAreaInput): Promise<InspectionArea> {
    return this.service.create(input);
  }

  @ResolveField(() => Int)
  occupancy(@Parent() area: InspectionArea, @CurrentContext() ctx: Ctx) {
    // An organisation-bound key counts only its own organisation's people.
    return ctx.loaders.occupancy.load({ code: area.code, scope: organisationScope(ctx.principal) });
  }
}

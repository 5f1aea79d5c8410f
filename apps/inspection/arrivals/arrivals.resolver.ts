import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '#libs/common/errors.js';
import type { Principal } from '#libs/auth/principal.js';
import { CurrentContext, CurrentPrincipal, type RequestContext } from '#libs/graphql/context.js';
import { InspectionArea } from '#apps/inspection/areas/area.type.js';
import { Arrival, ArrivalInput, DepartureInput } from '#apps/inspection/arrivals/arrival.type.js';
import { ArrivalsService } from '#apps/inspection/arrivals/arrivals.service.js';
import { ClosedLoopState } from '#apps/inspection/closed-loop/closed-loop.type.js';
import { Person } from '#apps/inspection/closed-loop/person.type.js';
import type { InspectionLoaders } from '#apps/inspection/inspection.loaders.js';

type Ctx = RequestContext<InspectionLoaders>;

@Resolver(() => Arrival)
export class ArrivalsResolver {
  constructor(private readonly service: ArrivalsService) {}

  @Mutation(() => Arrival)
  processArrival(
    @Args('input') input: ArrivalInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<Arrival> {
    return this.service.processArrival(input, principal);
  }

  @Mutation(() => ClosedLoopState)
  processDeparture(
    @Args('input') input: DepartureInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<ClosedLoopState> {
    return this.service.processDeparture(input, principal);
  }

  @ResolveField(() => InspectionArea)
  async area(@Parent() arrival: Arrival, @CurrentContext() ctx: Ctx) {
    const area = await ctx.loaders.area.load(arrival.areaCode);
    if (!area) throw new NotFoundError('Inspection area', arrival.areaCode);
    return area;
  }

  @ResolveField(() => Person, { nullable: true })
  person(@Parent() arrival: Arrival): Person | null {
    return arrival.personId ? { id: arrival.personId } : null;
  }
}

import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '#libs/common/errors.js';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
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
  processArrival(@Args('input') input: ArrivalInput): Promise<Arrival> {
    return this.service.processArrival(input);
  }

  @Mutation(() => ClosedLoopState)
  processDeparture(@Args('input') input: DepartureInput): Promise<ClosedLoopState> {
    return this.service.processDeparture(input);
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

import { organisationScope, type Principal } from '#libs/auth/principal.js';
import {
  Args,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import { NotFoundError } from '#libs/common/errors.js';
import { stillAllowed } from '#libs/graphql/still-allowed.js';
import { CurrentContext, CurrentPrincipal, type RequestContext } from '#libs/graphql/context.js';
import { InspectionArea } from '#apps/inspection/areas/area.type.js';
import {
  CheckIn,
  CheckInConnection,
  CheckInInput,
  CheckInsArgs,
} from '#apps/inspection/check-ins/check-in.type.js';
import { CheckInFeed } from '#apps/inspection/check-ins/check-in-feed.service.js';
import { CheckInsService } from '#apps/inspection/check-ins/check-ins.service.js';
import { Person } from '#apps/inspection/closed-loop/person.type.js';
import type { InspectionLoaders } from '#apps/inspection/inspection.loaders.js';

type Ctx = RequestContext<InspectionLoaders>;

@Resolver(() => CheckIn)
export class CheckInsResolver {
  constructor(
    private readonly service: CheckInsService,
    private readonly feed: CheckInFeed,
  ) {}

  @Mutation(() => CheckIn)
  checkIn(
    @Args('input') input: CheckInInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CheckIn> {
    return this.service.checkIn(input, organisationScope(principal));
  }

  @Mutation(() => [CheckIn], {
    description:
      'Scans a device made while offline: applied in scannedAt order, answered in input order.',
  })
  submitCheckIns(
    @Args('input', { type: () => [CheckInInput] }) input: CheckInInput[],
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CheckIn[]> {
    return this.service.submit(input, organisationScope(principal));
  }

  @Query(() => CheckInConnection, { description: 'Check-ins, newest first.' })
  checkIns(
    @Args() args: CheckInsArgs,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CheckInConnection> {
    return this.service.list(args, organisationScope(principal));
  }

  @Subscription(() => CheckIn, {
    description: 'Every check-in recorded at the area, or at every area when areaCode is null.',
    // Each event goes only to a subscriber whose session (or key) still may have it.
    filter: async (
      payload: { checkInRecorded: CheckIn },
      variables: { areaCode?: string | null },
      ctx: Ctx,
    ) =>
      (!variables.areaCode || payload.checkInRecorded.areaCode === variables.areaCode) &&
      (await stillAllowed(ctx, 'Subscription.checkInRecorded')),
  })
  checkInRecorded(@Args('areaCode', { type: () => String, nullable: true }) _areaCode?: string) {
    return this.feed.subscribe();
  }

  @ResolveField(() => InspectionArea)
  async area(@Parent() checkIn: CheckIn, @CurrentContext() ctx: Ctx) {
    const area = await ctx.loaders.area.load(checkIn.areaCode);
    if (!area) throw new NotFoundError('Inspection area', checkIn.areaCode);
    return area;
  }

  @ResolveField(() => Person, { nullable: true })
  person(@Parent() checkIn: CheckIn): Person | null {
    return checkIn.personId ? { id: checkIn.personId } : null;
  }
}

import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Principal } from '#libs/auth/principal.js';
import { UnauthenticatedError } from '#libs/common/errors.js';
import { CurrentContext, CurrentPrincipal, type RequestContext } from '#libs/graphql/context.js';
import { Annulment } from '#apps/inspection/check-ins/annulment.type.js';
import { AnnulmentsService } from '#apps/inspection/check-ins/annulments.service.js';
import { CheckIn } from '#apps/inspection/check-ins/check-in.type.js';
import type { InspectionLoaders } from '#apps/inspection/inspection.loaders.js';

@Resolver(() => CheckIn)
export class AnnulmentsResolver {
  constructor(private readonly annulments: AnnulmentsService) {}

  @Mutation(() => CheckIn, {
    description: `Annuls a mistaken scan, within 15 minutes of recordedAt (later: CONFLICT); INSPECTION_OFFICER
and ADMIN. The check-in is kept and marked; an admitted scan's entry or exit is undone in the
movement log by a compensating event (the log stays append-only). Annulling twice: CONFLICT.`,
  })
  annulCheckIn(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CheckIn> {
    if (!principal) throw new UnauthenticatedError();
    return this.annulments.annul(id, reason, principal);
  }

  @ResolveField(() => Annulment, {
    nullable: true,
    description:
      'Set when the scan was annulled as a mistake; an annulled admission no longer counts as an entry or exit.',
  })
  annulment(
    @Parent() checkIn: CheckIn,
    @CurrentContext() context: RequestContext<InspectionLoaders>,
  ): Promise<Annulment | null> {
    return context.loaders.annulment.load(checkIn.id);
  }
}

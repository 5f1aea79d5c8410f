import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import type { LifecycleAction } from '#libs/accreditation/lifecycle.js';
import { actorShownTo, maySee } from '#libs/auth/access-policy.js';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import type { AccreditationLoaders } from '#apps/accreditation/accreditation.loaders.js';
import {
  Accreditation,
  AccreditationEvent,
} from '#apps/accreditation/accreditations/accreditation.type.js';
import { AccreditationsService } from '#apps/accreditation/accreditations/accreditations.service.js';
import { CardKeysService } from '#apps/accreditation/cards/card-keys.service.js';
import { IdentityService } from '#apps/accreditation/identity/identity.service.js';

type Ctx = RequestContext<AccreditationLoaders>;

@ArgsType()
class ReasonedChangeArgs {
  // A validation decorator of its own, or the pipe's whitelist would strip the id.
  @Field(() => ID)
  @IsString()
  id!: string;

  @Field()
  @Length(1, 1000, { message: 'must say why, in at most 1000 characters' })
  reason!: string;
}

@ArgsType()
class SuspendManyArgs {
  @Field(() => [ID])
  @IsString({ each: true })
  ids!: string[];

  @Field()
  @Length(1, 1000, { message: 'must say why, in at most 1000 characters' })
  reason!: string;
}

@Resolver(() => Accreditation)
export class AccreditationsResolver {
  constructor(
    private readonly accreditations: AccreditationsService,
    private readonly identity: IdentityService,
    private readonly cardKeys: CardKeysService,
  ) {}

  @Query(() => String, {
    description:
      "The public keys that verify card tokens offline, as a JWK Set (JSON); a token's kid names its key.",
  })
  cardVerificationKeys(): Promise<string> {
    return this.cardKeys.jwks();
  }

  private async apply(ctx: Ctx, id: string, action: LifecycleAction, reason: string | null = null) {
    return this.accreditations.apply(
      id,
      action,
      reason,
      await this.identity.actorName(ctx.principal),
    );
  }

  @Mutation(() => Accreditation)
  approveAccreditation(@Args('id', { type: () => ID }) id: string, @CurrentContext() ctx: Ctx) {
    return this.apply(ctx, id, 'approve');
  }

  @Mutation(() => [Accreditation], {
    description:
      'All or nothing (at most 1,000): when any id is unknown or not SUBMITTED, nothing changes and the error names each one.',
  })
  async approveAccreditations(
    @Args('ids', { type: () => [ID] }) ids: string[],
    @CurrentContext() ctx: Ctx,
  ): Promise<Accreditation[]> {
    return this.accreditations.approveMany(ids, await this.identity.actorName(ctx.principal));
  }

  @Mutation(() => Accreditation)
  suspendAccreditation(@Args() args: ReasonedChangeArgs, @CurrentContext() ctx: Ctx) {
    return this.apply(ctx, args.id, 'suspend', args.reason);
  }

  @Mutation(() => [Accreditation], {
    description:
      'Suspends many accreditations for one reason, all or nothing (at most 1,000): when any id is unknown or not APPROVED or ACTIVE, nothing changes and the error names each one.',
  })
  async suspendAccreditations(
    @Args() args: SuspendManyArgs,
    @CurrentContext() ctx: Ctx,
  ): Promise<Accreditation[]> {
    return this.accreditations.suspendMany(
      args.ids,
      args.reason,
      await this.identity.actorName(ctx.principal),
    );
  }

  @Mutation(() => Accreditation)
  reinstateAccreditation(@Args('id', { type: () => ID }) id: string, @CurrentContext() ctx: Ctx) {
    return this.apply(ctx, id, 'reinstate');
  }

  @Mutation(() => Accreditation)
  revokeAccreditation(@Args() args: ReasonedChangeArgs, @CurrentContext() ctx: Ctx) {
    return this.apply(ctx, args.id, 'revoke', args.reason);
  }

  @Mutation(() => Accreditation, {
    description: 'A new card token; earlier tokens of the card are then SUPERSEDED_TOKEN.',
  })
  reissueCard(@Args('id', { type: () => ID }) id: string, @CurrentContext() ctx: Ctx) {
    return this.apply(ctx, id, 'reissue');
  }

  @ResolveField(() => [AccreditationEvent])
  async history(
    @Parent() accreditation: Accreditation,
    @CurrentContext() ctx: Ctx,
  ): Promise<AccreditationEvent[]> {
    const events = await ctx.loaders.history.load(accreditation.id);
    return events.map((e) => ({ ...e, by: actorShownTo(e.by, ctx.principal) }));
  }

  /** A live token is a copy of the card: null for callers who may not see it (VIEWER). */
  @ResolveField(() => String, {
    nullable: true,
    description:
      "Signed payload for the card's QR code; null while SUBMITTED, and for callers who may not see live tokens.",
  })
  cardToken(@Parent() accreditation: Accreditation, @CurrentContext() ctx: Ctx): string | null {
    return maySee('Accreditation.cardToken', ctx.principal) ? accreditation.cardToken : null;
  }
}

import { AuditOneEntryPerCall } from '#libs/audit/audit.interceptor.js';
import {
  Args,
  ID,
  Info,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { personStubFor } from '#libs/accreditation/organisation-scope.js';
import { allows, OPERATION_POLICIES } from '#libs/auth/access-policy.js';
import type { Principal } from '#libs/auth/principal.js';
import { CurrentContext, CurrentPrincipal, type RequestContext } from '#libs/graphql/context.js';
import type { Page } from '#libs/graphql/pagination.js';
import { selectsField } from '#libs/graphql/selection.js';
import {
  Contact,
  LogVerification,
  MovementConnection,
  MovementLogCheckpoint,
  MovementEvent,
  Person,
  Presence,
  PresenceConnection,
  RecordMovementInput,
  Stay,
} from '#apps/movement/movement.types.js';
import { CheckpointsService } from '#apps/movement/checkpoints.service.js';
import type { MovementLoaders } from '#apps/movement/movement.loaders.js';
import { MovementsService } from '#apps/movement/movements.service.js';

const personRef = (id: string): Person & { __typename: 'Person' } => ({ __typename: 'Person', id });

@Resolver(() => MovementEvent)
export class MovementsResolver {
  constructor(
    private readonly service: MovementsService,
    private readonly checkpoints: CheckpointsService,
  ) {}

  @Query(() => MovementConnection)
  movements(
    @CurrentPrincipal() principal: Principal | null,
    @Args('personId', { type: () => ID, nullable: true }) personId?: string,
    @Args('location', { type: () => String, nullable: true }) location?: string,
    @Args('from', { type: () => Date, nullable: true }) from?: Date,
    @Args('to', { type: () => Date, nullable: true }) to?: Date,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Page<MovementEvent>> {
    return this.service.list({ personId, location, from, to }, first ?? 100, after, principal);
  }

  @Query(() => [Stay])
  stays(
    @CurrentPrincipal() principal: Principal | null,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
  ): Promise<Stay[]> {
    return this.service.stays(personId, from, to, principal);
  }

  @Query(() => PresenceConnection, {
    description: 'Who is inside the location now, longest there first.',
  })
  presentAt(
    @CurrentPrincipal() principal: Principal | null,
    @Args('location') location: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 500 }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Page<Presence>> {
    return this.service.presentAt(location, first ?? 500, after, principal);
  }

  @Query(() => [Contact], {
    description:
      "People whose stays overlapped the person's at the same location for at least minMinutes in total, most minutes first.",
  })
  async contacts(
    @CurrentPrincipal() principal: Principal | null,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('minMinutes', { type: () => Int, nullable: true, defaultValue: 15 })
    minMinutes: number | null | undefined,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description:
        'The first contacts only (most minutes first), at least 1; all of them when absent. A week at a Games meets thousands of people at its venues.',
    })
    first: number | null | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Contact[]> {
    // The encounters are read only when asked for: a week's answer can hold a hundred
    // thousand of them, and most readers want the contacts and their totals.
    const contacts = await this.service.contacts(personId, from, to, minMinutes ?? 15, principal, {
      first,
      encounters: selectsField(info, 'encounters'),
    });
    return contacts.map((c) => ({
      personId: c.personId,
      totalMinutes: c.totalMinutes,
      encounters: c.encounters,
      person: personRef(c.personId),
    }));
  }

  @Query(() => LogVerification)
  async verifyMovementLog(): Promise<LogVerification> {
    const { valid, eventsChecked, firstInvalidEventId, checkpointsChecked, problem } =
      await this.service.verify();
    return { valid, eventsChecked, firstInvalidEventId, checkpointsChecked, problem };
  }

  @Query(() => String, {
    description:
      'The public keys that verify movement log checkpoints, as a JWK Set (JSON); a checkpoint names its key by keyId.',
  })
  movementLogCheckpointKeys(): string {
    return this.checkpoints.publicKeySet();
  }

  @Mutation(() => MovementLogCheckpoint, {
    description:
      "Signs the movement log's chain heads now (it is also done every few minutes); keep the answer outside the system to anchor the log further.",
  })
  checkpointMovementLog(): Promise<MovementLogCheckpoint> {
    return this.checkpoints.take();
  }

  @Mutation(() => MovementEvent)
  async recordMovement(
    @CurrentPrincipal() principal: Principal | null,
    @Args('input', { type: () => RecordMovementInput }) input: RecordMovementInput,
  ): Promise<MovementEvent> {
    const [event] = await this.service.record([input], principal, () => 'input');
    return event;
  }

  @Mutation(() => [MovementEvent])
  @AuditOneEntryPerCall()
  recordMovements(
    @CurrentPrincipal() principal: Principal | null,
    @Args('input', { type: () => [RecordMovementInput] }) input: RecordMovementInput[],
  ): Promise<MovementEvent[]> {
    return this.service.record(input, principal, (i) => `input[${i}]`);
  }

  @ResolveField(() => Person)
  person(@Parent() event: MovementEvent) {
    return personRef(event.personId);
  }
}

@Resolver(() => Presence)
export class PresenceResolver {
  @ResolveField(() => Person)
  person(@Parent() presence: Presence) {
    return personRef(presence.personId);
  }
}

/** Person.movements: the movement log's contribution to the accreditation service's entity. */
@Resolver(() => Person)
export class PersonMovementsResolver {
  constructor(private readonly service: MovementsService) {}

  /** A person another organisation's key may not see is not found here either. */
  @ResolveReference()
  resolveReference(
    @Parent() ref: { id: string },
    @CurrentContext() ctx: RequestContext<MovementLoaders>,
  ): Promise<Person | null> {
    return personStubFor(ctx.loaders.personInScope, ctx.principal, ref.id);
  }

  @ResolveField(() => MovementConnection)
  movements(
    @Parent() person: Person,
    @CurrentPrincipal() principal: Principal | null,
    @Args('from', { type: () => Date, nullable: true }) from?: Date,
    @Args('to', { type: () => Date, nullable: true }) to?: Date,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Page<MovementEvent>> {
    // A field, so the root-operation guard does not see it: the same policy as Query.movements
    // applies, and a caller without it (an accreditation officer on the person page) sees none.
    if (!allows(OPERATION_POLICIES['Query.movements'], principal)) {
      return Promise.resolve({
        edges: [],
        nodes: [],
        pageInfo: { hasNextPage: false, endCursor: null },
        totalCount: 0,
      });
    }
    return this.service.list({ personId: person.id, from, to }, first ?? 100, after, principal);
  }
}

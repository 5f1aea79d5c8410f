import { Info, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Kind, type GraphQLResolveInfo } from 'graphql';
import { personStubFor } from '#libs/accreditation/organisation-scope.js';
import { AuditWriter } from '#libs/audit/audit.writer.js';
import { closedLoopStatusShownTo, maySee } from '#libs/auth/access-policy.js';
import { ClosedLoopStatus } from '#libs/inspection/closed-loop-status.js';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import { ClosedLoopState } from '#apps/inspection/closed-loop/closed-loop.type.js';
import { Person } from '#apps/inspection/closed-loop/person.type.js';
import type { InspectionLoaders } from '#apps/inspection/inspection.loaders.js';

type Ctx = RequestContext<InspectionLoaders>;

/** The state's fields that tell of health: the dates, and the status (ISOLATED, CLOSE_CONTACT). */
const HEALTH_FIELDS = new Set(['status', 'lastNegativeTestAt', 'testDueBy', 'closeContactUntil']);

/** True when the query asks for a health field of the state (only those reads are audited). */
function selectsHealthData(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) =>
    node.selectionSet?.selections.some(
      (s) => s.kind !== Kind.FIELD || HEALTH_FIELDS.has(s.name.value),
    ),
  );
}

/**
 * The status of every ClosedLoopState answered (a person's, or a mutation's), as the
 * caller may see it: CLOSE_CONTACT and ISOLATED are IN_LOOP to callers without
 * access to health data (libs/auth/access-policy.ts, 'ClosedLoopState.status').
 */
@Resolver(() => ClosedLoopState)
export class ClosedLoopStateResolver {
  @ResolveField(() => ClosedLoopStatus, {
    description:
      'CLOSE_CONTACT and ISOLATED read as IN_LOOP (in the loop, health status not shown) for callers without access to health data.',
  })
  status(@Parent() state: ClosedLoopState, @CurrentContext() ctx: Ctx): ClosedLoopStatus {
    return closedLoopStatusShownTo(state.status, ctx.principal) as ClosedLoopStatus;
  }
}

@Resolver(() => Person)
export class PersonClosedLoopResolver {
  constructor(private readonly audit: AuditWriter) {}

  /** A person another organisation's key may not see is not found here either. */
  @ResolveReference()
  resolveReference(
    @Parent() ref: { id: string },
    @CurrentContext() ctx: Ctx,
  ): Promise<Person | null> {
    return personStubFor(ctx.loaders.personInScope, ctx.principal, ref.id);
  }

  /** The health part (tests, close contact) is null for callers without access to health data. */
  @ResolveField(() => ClosedLoopState)
  async closedLoop(
    @Parent() person: Person,
    @CurrentContext() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ClosedLoopState> {
    const state = await ctx.loaders.closedLoop.load(person.id);
    const health = (field: 'lastNegativeTestAt' | 'testDueBy' | 'closeContactUntil') =>
      maySee(`ClosedLoopState.${field}`, ctx.principal) ? state[field] : null;
    if (maySee('ClosedLoopState.status', ctx.principal) && selectsHealthData(info)) {
      // Served only once its audit record is written.
      await this.audit.record({
        action: 'read:ClosedLoopState.health',
        personId: person.id,
        outcome: 'ok',
        context: ctx,
      });
    }
    return {
      status: state.status,
      enteredAt: state.enteredAt,
      lastNegativeTestAt: health('lastNegativeTestAt'),
      testDueBy: health('testDueBy'),
      closeContactUntil: health('closeContactUntil'),
    };
  }
}

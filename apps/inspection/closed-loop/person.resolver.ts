import { Info, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Kind, type GraphQLResolveInfo } from 'graphql';
import { personStubFor } from '#libs/accreditation/organisation-scope.js';
import { AuditWriter } from '#libs/audit/audit.writer.js';
import { maySee } from '#libs/auth/access-policy.js';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import { ClosedLoopState } from '#apps/inspection/closed-loop/closed-loop.type.js';
import { Person } from '#apps/inspection/closed-loop/person.type.js';
import type { InspectionLoaders } from '#apps/inspection/inspection.loaders.js';

type Ctx = RequestContext<InspectionLoaders>;

const HEALTH_FIELDS = new Set(['lastNegativeTestAt', 'testDueBy', 'closeContactUntil']);

/** True when the query asks for a health field of the state (only those reads are audited). */
function selectsHealthData(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) =>
    node.selectionSet?.selections.some(
      (s) => s.kind !== Kind.FIELD || HEALTH_FIELDS.has(s.name.value),
    ),
  );
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
    if (maySee('ClosedLoopState.testDueBy', ctx.principal) && selectsHealthData(info)) {
      this.audit.record({
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

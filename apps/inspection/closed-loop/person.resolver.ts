import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { maySee } from '#libs/auth/access-policy.js';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import { ClosedLoopState } from '#apps/inspection/closed-loop/closed-loop.type.js';
import { Person } from '#apps/inspection/closed-loop/person.type.js';
import type { InspectionLoaders } from '#apps/inspection/inspection.loaders.js';

type Ctx = RequestContext<InspectionLoaders>;

@Resolver(() => Person)
export class PersonClosedLoopResolver {
  @ResolveReference()
  resolveReference(@Parent() ref: { id: string }): Person {
    return { id: ref.id };
  }

  /** The health part (tests, close contact) is null for callers without access to health data. */
  @ResolveField(() => ClosedLoopState)
  async closedLoop(@Parent() person: Person, @CurrentContext() ctx: Ctx): Promise<ClosedLoopState> {
    const state = await ctx.loaders.closedLoop.load(person.id);
    const health = (field: 'lastNegativeTestAt' | 'testDueBy' | 'closeContactUntil') =>
      maySee(`ClosedLoopState.${field}`, ctx.principal) ? state[field] : null;
    return {
      status: state.status,
      enteredAt: state.enteredAt,
      lastNegativeTestAt: health('lastNegativeTestAt'),
      testDueBy: health('testDueBy'),
      closeContactUntil: health('closeContactUntil'),
    };
  }
}

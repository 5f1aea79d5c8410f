import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { assertPersonInScope } from '#libs/accreditation/organisation-scope.js';
import type { Principal } from '#libs/auth/principal.js';
import { CurrentPrincipal } from '#libs/graphql/context.js';
import { ClosedLoopState } from '#apps/inspection/closed-loop/closed-loop.type.js';
import { Contact, TestResultInput } from '#apps/inspection/health/health.type.js';
import { HealthService } from '#apps/inspection/health/health.service.js';

@Resolver()
export class HealthResolver {
  constructor(
    private readonly service: HealthService,
    private readonly dataSource: DataSource,
  ) {}

  @Mutation(() => ClosedLoopState)
  async recordTestResult(
    @Args('input') input: TestResultInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<ClosedLoopState> {
    // A laboratory's key bound to an organisation reports only on that organisation's people.
    await assertPersonInScope(this.dataSource.manager, principal, input.personId);
    return this.service.recordTestResult(input, principal);
  }

  @Mutation(() => ClosedLoopState)
  releaseFromIsolation(
    @Args('personId', { type: () => ID }) personId: string,
    @Args('reason') reason: string,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<ClosedLoopState> {
    return this.service.releaseFromIsolation(personId, reason, principal);
  }

  @Mutation(() => [Contact], {
    description:
      "Marks the person's contacts (as contacts() finds them) CLOSE_CONTACT and returns those marked:\nall of them, or only those named in personIds (each must be one of the contacts: BAD_USER_INPUT\notherwise). A close contact's next test falls due within 12 hours of the designation at the latest.",
  })
  designateCloseContacts(
    @Args('personId', { type: () => ID }) personId: string,
    @Args('from') from: Date,
    @Args('to') to: Date,
    @Args('minMinutes', { type: () => Int, nullable: true, defaultValue: 15 })
    minMinutes: number | null,
    @Args('personIds', { type: () => [ID], nullable: true }) personIds: string[] | null,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<Contact[]> {
    return this.service.designateCloseContacts(
      personId,
      from,
      to,
      minMinutes ?? 15,
      personIds ?? null,
      principal,
    );
  }
}

import { Query, Resolver } from '@nestjs/graphql';
import { Clock } from '#libs/common/clock.js';
import { maySee } from '#libs/auth/access-policy.js';
import { organisationScope, type Principal } from '#libs/auth/principal.js';
import { CurrentPrincipal } from '#libs/graphql/context.js';
import { CardDenyListEntry } from '#apps/inspection/deny-list/deny-list.type.js';
import { DenyListService } from '#apps/inspection/deny-list/deny-list.service.js';

@Resolver(() => CardDenyListEntry)
export class DenyListResolver {
  constructor(
    private readonly denyList: DenyListService,
    private readonly clock: Clock,
  ) {}

  @Query(() => [CardDenyListEntry], {
    description:
      "What offline gates cache; INSPECTION_OFFICER and CHECKIN_WRITE keys (an organisation-bound key sees its organisation's cards only).",
  })
  async cardDenyList(
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<CardDenyListEntry[]> {
    const list = await this.denyList.list(this.clock.now(), organisationScope(principal));
    if (maySee('CardDenyListEntry.testDueBy', principal)) return list;
    return list.map((entry) => ({ ...entry, testDueBy: null }));
  }
}

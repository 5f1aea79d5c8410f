import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditWriter } from '#libs/audit/audit.writer.js';
import { maySee } from '#libs/auth/access-policy.js';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import { Accreditation } from '#apps/accreditation/accreditations/accreditation.type.js';
import { CardPrintsService } from '#apps/accreditation/cards/card-prints.service.js';
import { IdentityService } from '#apps/accreditation/identity/identity.service.js';

@Resolver(() => Accreditation)
export class CardPrintsResolver {
  constructor(
    private readonly prints: CardPrintsService,
    private readonly identity: IdentityService,
    private readonly audit: AuditWriter,
  ) {}

  @ResolveField(() => String, {
    nullable: true,
    description:
      'A short-lived link to the printable card (PDF, ID-1 format 85.6 x 54 mm): photo, names, organisation, category, venues and zones, QR code. Null while SUBMITTED.',
  })
  async cardPdfUrl(
    @Parent() accreditation: Accreditation,
    @CurrentContext() ctx: RequestContext,
  ): Promise<string | null> {
    if (!accreditation.cardToken || !maySee('Accreditation.cardPdfUrl', ctx.principal)) return null;
    // The card shows the portrait: handing out the link is a view of it, served only once recorded.
    await this.audit.record({
      action: 'read:Accreditation.cardPdfUrl',
      personId: accreditation.personId,
      outcome: 'ok',
      context: ctx,
    });
    return this.prints.cardLink(accreditation.id);
  }

  @Query(() => String, {
    description:
      'A short-lived link to one PDF with the printable cards of these accreditations (at most 500), in the order given.',
  })
  async cardsPdfUrl(
    @Args('accreditationIds', { type: () => [ID] }) ids: string[],
    @CurrentContext() ctx: RequestContext,
  ): Promise<string> {
    const link = await this.prints.printRunLink(ids, await this.identity.actorName(ctx.principal));
    await Promise.all(
      (await this.prints.peopleOf(ids)).map((personId) =>
        this.audit.record({ action: 'read:cardsPdfUrl', personId, outcome: 'ok', context: ctx }),
      ),
    );
    return link;
  }
}

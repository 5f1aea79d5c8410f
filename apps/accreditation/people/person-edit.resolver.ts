import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { organisationScope } from '#libs/auth/principal.js';
import { CurrentContext, type RequestContext } from '#libs/graphql/context.js';
import { IdentityService } from '#apps/accreditation/identity/identity.service.js';
import { PersonEditService } from '#apps/accreditation/people/person-edit.service.js';
import {
  UpdatePersonInput,
  UpdatePersonPayload,
} from '#apps/accreditation/people/person-edit.type.js';

@Resolver()
export class PersonEditResolver {
  constructor(
    private readonly edits: PersonEditService,
    private readonly identity: IdentityService,
  ) {}

  @Mutation(() => UpdatePersonPayload, {
    description:
      'Corrects a registered person: only the fields given change, for the reason given (kept in the accreditation history with who). A change of category, validity, venues or zones reissues the card.',
  })
  async updatePerson(
    @Args('input') input: UpdatePersonInput,
    @CurrentContext() ctx: RequestContext,
  ): Promise<UpdatePersonPayload> {
    return this.edits.update(
      input,
      await this.identity.actorName(ctx.principal),
      organisationScope(ctx.principal),
    );
  }
}

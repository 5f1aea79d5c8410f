import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '#libs/graphql/context.js';
import type { Principal } from '#libs/auth/principal.js';
import { IdentityService } from '#apps/accreditation/identity/identity.service.js';
import { ImportPeopleInput, ImportReport } from '#apps/accreditation/imports/import.types.js';
import { PeopleImportService } from '#apps/accreditation/imports/people-import.service.js';

@Resolver()
export class PeopleImportResolver {
  constructor(
    private readonly imports: PeopleImportService,
    private readonly identity: IdentityService,
  ) {}

  @Mutation(() => ImportReport, {
    description:
      'Registers a delegation from a CSV, all or nothing; with dryRun it only validates. Every invalid row is reported.',
  })
  async importPeople(
    @Args('input') input: ImportPeopleInput,
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<ImportReport> {
    return this.imports.import({
      organisationId: input.organisationId,
      csv: input.csv,
      dryRun: input.dryRun ?? false,
      by: await this.identity.actorName(principal),
    });
  }
}

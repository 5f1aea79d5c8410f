import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { LoaderFactory } from '#libs/graphql/subgraph.module.js';
import { AccreditationsService } from '#apps/accreditation/accreditations/accreditations.service.js';
import { OrganisationsService } from '#apps/accreditation/organisations/organisations.service.js';
import { PeopleService } from '#apps/accreditation/people/people.service.js';
import { PortraitStore } from '#apps/accreditation/photos/portrait-store.js';

export type AccreditationLoaders = ReturnType<AccreditationLoaderFactory['create']>;

/**
 * Per-request DataLoaders: every person, organisation, accreditation and
 * history a query reaches is fetched in one statement per kind, whatever the
 * size of the list (no N+1).
 */
@Injectable()
export class AccreditationLoaderFactory implements LoaderFactory {
  constructor(
    private readonly people: PeopleService,
    private readonly organisations: OrganisationsService,
    private readonly accreditations: AccreditationsService,
    private readonly portraits: PortraitStore,
  ) {}

  create() {
    return {
      person: new DataLoader((ids: readonly string[]) => this.people.byIds(ids)),
      organisation: new DataLoader((ids: readonly string[]) => this.organisations.byIds(ids)),
      accreditationByPerson: new DataLoader((ids: readonly string[]) =>
        this.accreditations.byPersonIds(ids),
      ),
      history: new DataLoader((ids: readonly string[]) => this.accreditations.historyOf(ids)),
      photo: new DataLoader((ids: readonly string[]) => this.portraits.describe(ids)),
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '#libs/service/core.module.js';
import { SubgraphModule } from '#libs/graphql/subgraph.module.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';
import { AccreditationLoaderFactory } from '#apps/accreditation/accreditation.loaders.js';
import { AccreditationEventEntity } from '#apps/accreditation/accreditations/accreditation-event.entity.js';
import { AccreditationEntity } from '#apps/accreditation/accreditations/accreditation.entity.js';
import { AccreditationsResolver } from '#apps/accreditation/accreditations/accreditations.resolver.js';
import { AccreditationsService } from '#apps/accreditation/accreditations/accreditations.service.js';
import { AuditResolver } from '#apps/accreditation/audit/audit.resolver.js';
import { CardKeysService } from '#apps/accreditation/cards/card-keys.service.js';
import { ApiKeyEntity } from '#apps/accreditation/identity/api-key.entity.js';
import {
  ApiKeyResolver,
  IdentityResolver,
} from '#apps/accreditation/identity/identity.resolver.js';
import { IdentityService } from '#apps/accreditation/identity/identity.service.js';
import { LoginThrottle } from '#apps/accreditation/identity/login-throttle.service.js';
import { UserEntity } from '#apps/accreditation/identity/user.entity.js';
import { PeopleImportResolver } from '#apps/accreditation/imports/people-import.resolver.js';
import { PeopleImportService } from '#apps/accreditation/imports/people-import.service.js';
import { OrganisationEntity } from '#apps/accreditation/organisations/organisation.entity.js';
import { OrganisationsResolver } from '#apps/accreditation/organisations/organisations.resolver.js';
import { OrganisationsService } from '#apps/accreditation/organisations/organisations.service.js';
import { PersonEntity } from '#apps/accreditation/people/person.entity.js';
import {
  OrganisationPeopleResolver,
  PeopleResolver,
} from '#apps/accreditation/people/people.resolver.js';
import { CategoriesResolver } from '#apps/accreditation/people/categories.resolver.js';
import { PersonEditResolver } from '#apps/accreditation/people/person-edit.resolver.js';
import { PersonEditService } from '#apps/accreditation/people/person-edit.service.js';
import { RetentionResolver } from '#apps/accreditation/people/retention.resolver.js';
import { RetentionService } from '#apps/accreditation/people/retention.service.js';
import { PeopleService } from '#apps/accreditation/people/people.service.js';
import { CardPrintsResolver } from '#apps/accreditation/cards/card-prints.resolver.js';
import { CardPrintsService } from '#apps/accreditation/cards/card-prints.service.js';
import { FileLinks } from '#apps/accreditation/photos/file-links.js';
import { FilesController } from '#apps/accreditation/photos/files.controller.js';
import { PhotosResolver } from '#apps/accreditation/photos/photos.resolver.js';
import { PortraitStore, PostgresPortraitStore } from '#apps/accreditation/photos/portrait-store.js';
import { VenuesResolver } from '#apps/accreditation/venues/venues.resolver.js';
import { VenuesService } from '#apps/accreditation/venues/venues.service.js';

/**
 * Every row type of the service's tables, declared as entity classes so a test can hold
 * them against the migrated database (test/database/entities.service-spec.ts). The
 * service reads and writes them in SQL; TypeORM maps none of them.
 */
export const ACCREDITATION_ROW_TYPES = [
  UserEntity,
  ApiKeyEntity,
  OrganisationEntity,
  PersonEntity,
  AccreditationEntity,
  AccreditationEventEntity,
];

@Module({
  controllers: [FilesController],
  providers: [
    IdentityResolver,
    ApiKeyResolver,
    OrganisationsResolver,
    PeopleResolver,
    OrganisationPeopleResolver,
    AccreditationsResolver,
    AuditResolver,
    PeopleImportResolver,
    VenuesResolver,
    VenuesService,
    PhotosResolver,
    CardPrintsResolver,
    CardPrintsService,
    FileLinks,
    { provide: PortraitStore, useClass: PostgresPortraitStore },
    RetentionResolver,
    PersonEditResolver,
    PersonEditService,
    CategoriesResolver,
    RetentionService,
    IdentityService,
    LoginThrottle,
    OrganisationsService,
    PeopleService,
    PeopleImportService,
    AccreditationsService,
    CardKeysService,
    AccreditationLoaderFactory,
  ],
  exports: [AccreditationLoaderFactory, PortraitStore],
})
class AccreditationDomainModule {}

/** The accreditation subgraph: identity, organisations, people and their accreditations. */
@Module({})
export class AccreditationAppModule {
  static forRoot(config: AccreditationConfig): DynamicModule {
    return {
      module: AccreditationAppModule,
      imports: [
        CoreModule.forService('accreditation', config, []),
        AccreditationDomainModule,
        SubgraphModule.forRoot({
          loaders: AccreditationLoaderFactory,
          imports: [AccreditationDomainModule],
        }),
      ],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '#libs/service/core.module.js';
import { SubgraphModule } from '#libs/graphql/subgraph.module.js';
import { AreasResolver } from '#apps/inspection/areas/areas.resolver.js';
import { AreasService } from '#apps/inspection/areas/areas.service.js';
import { ArrivalsResolver } from '#apps/inspection/arrivals/arrivals.resolver.js';
import { ArrivalsService } from '#apps/inspection/arrivals/arrivals.service.js';
import { CardVerifier } from '#apps/inspection/check-ins/card-verifier.service.js';
import { AnnulmentsResolver } from '#apps/inspection/check-ins/annulments.resolver.js';
import { AnnulmentsService } from '#apps/inspection/check-ins/annulments.service.js';
import { CheckInFeed } from '#apps/inspection/check-ins/check-in-feed.service.js';
import { CheckInsResolver } from '#apps/inspection/check-ins/check-ins.resolver.js';
import { CheckInsService } from '#apps/inspection/check-ins/check-ins.service.js';
import { CheckInBatcher } from '#apps/inspection/check-ins/check-in-batcher.js';
import { CloseContactExpiry } from '#apps/inspection/closed-loop/close-contact-expiry.js';
import { ClosedLoopService } from '#apps/inspection/closed-loop/closed-loop.service.js';
import { Person } from '#apps/inspection/closed-loop/person.type.js';
import {
  ClosedLoopStateResolver,
  PersonClosedLoopResolver,
} from '#apps/inspection/closed-loop/person.resolver.js';
import { DenyListResolver } from '#apps/inspection/deny-list/deny-list.resolver.js';
import { DenyListService } from '#apps/inspection/deny-list/deny-list.service.js';
import { HealthResolver } from '#apps/inspection/health/health.resolver.js';
import { HealthService } from '#apps/inspection/health/health.service.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';
import { InspectionLoaderFactory } from '#apps/inspection/inspection.loaders.js';

@Module({
  providers: [
    AreasService,
    AreasResolver,
    ArrivalsService,
    ArrivalsResolver,
    CardVerifier,
    AnnulmentsService,
    AnnulmentsResolver,
    CheckInFeed,
    CheckInsService,
    CheckInBatcher,
    CheckInsResolver,
    ClosedLoopService,
    CloseContactExpiry,
    PersonClosedLoopResolver,
    DenyListService,
    DenyListResolver,
    ClosedLoopStateResolver,
    HealthService,
    HealthResolver,
    InspectionLoaderFactory,
  ],
  exports: [InspectionLoaderFactory],
})
class InspectionDomainModule {}

/** The inspection subgraph: designated inspection areas, check-ins, arrivals, closed-loop health. */
@Module({})
export class InspectionAppModule {
  static forRoot(config: InspectionConfig): DynamicModule {
    return {
      module: InspectionAppModule,
      imports: [
        CoreModule.forService('inspection', config, []),
        InspectionDomainModule,
        SubgraphModule.forRoot({
          loaders: InspectionLoaderFactory,
          imports: [InspectionDomainModule],
          orphanedTypes: [Person],
          subscriptions: true,
        }),
      ],
    };
  }
}

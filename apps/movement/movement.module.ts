import { type DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '#libs/service/core.module.js';
import { SubgraphModule } from '#libs/graphql/subgraph.module.js';
import { CheckpointsService } from '#apps/movement/checkpoints.service.js';
import { MovementConfig } from '#apps/movement/movement.config.js';
import { MovementLoaderFactory } from '#apps/movement/movement.loaders.js';
import { Person } from '#apps/movement/movement.types.js';
import {
  MovementsResolver,
  PersonMovementsResolver,
  PresenceResolver,
} from '#apps/movement/movements.resolver.js';
import { MovementsService } from '#apps/movement/movements.service.js';
import { PartitionMaintenance } from '#apps/movement/partition-maintenance.js';

@Module({
  providers: [
    MovementsResolver,
    PresenceResolver,
    PersonMovementsResolver,
    MovementsService,
    PartitionMaintenance,
    CheckpointsService,
    MovementLoaderFactory,
  ],
  exports: [MovementLoaderFactory, MovementsService],
})
class MovementDomainModule {}

/** The movement subgraph: the append-only, hash-chained log, stays, presence and contacts. */
@Module({})
export class MovementAppModule {
  static forRoot(config: MovementConfig): DynamicModule {
    return {
      module: MovementAppModule,
      imports: [
        CoreModule.forService('movement', config, []),
        MovementDomainModule,
        SubgraphModule.forRoot({
          loaders: MovementLoaderFactory,
          imports: [MovementDomainModule],
          orphanedTypes: [Person],
        }),
      ],
    };
  }
}

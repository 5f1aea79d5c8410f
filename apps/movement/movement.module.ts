import { type DynamicModule, Injectable, Module } from '@nestjs/common';
import { Directive, Field, ID, ObjectType, Parent, Resolver, ResolveReference } from '@nestjs/graphql';
import { CoreModule } from '#libs/common/core.module.js';
import { SubgraphModule, type LoaderFactory } from '#libs/graphql/subgraph.module.js';
import type { MovementConfig } from '#apps/movement/movement.config.js';

@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => Person)
class PersonMovementsResolver {
  @ResolveReference()
  resolveReference(@Parent() ref: { id: string }): Person {
    return { id: ref.id };
  }
}

@Injectable()
class MovementLoaderFactory implements LoaderFactory {
  create() {
    return {};
  }
}

@Module({ providers: [PersonMovementsResolver, MovementLoaderFactory], exports: [MovementLoaderFactory] })
class MovementDomainModule {}

/** The movement subgraph: the tamper-evident movement log, stays, presence and contacts. */
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

import { Injectable } from '@nestjs/common';
import type { LoaderFactory } from '#libs/graphql/subgraph.module.js';

export type MovementLoaders = ReturnType<MovementLoaderFactory['create']>;

/**
 * The movement subgraph batches in SQL rather than through loaders: people
 * are returned as references ({ id }) that the gateway resolves in one
 * _entities call to the accreditation service.
 */
@Injectable()
export class MovementLoaderFactory implements LoaderFactory {
  create() {
    return {};
  }
}

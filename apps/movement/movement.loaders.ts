import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createPersonScopeLoader } from '#libs/accreditation/organisation-scope.js';
import type { LoaderFactory } from '#libs/graphql/subgraph.module.js';

export type MovementLoaders = ReturnType<MovementLoaderFactory['create']>;

/**
 * The movement subgraph batches in SQL rather than through loaders: people
 * are returned as references ({ id }) that the gateway resolves in one
 * _entities call to the accreditation service. The one loader checks the
 * organisation scope of the people the gateway asks about by reference.
 */
@Injectable()
export class MovementLoaderFactory implements LoaderFactory {
  constructor(private readonly dataSource: DataSource) {}

  create() {
    return { personInScope: createPersonScopeLoader(this.dataSource) };
  }
}

import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { createPersonScopeLoader } from '#libs/accreditation/organisation-scope.js';
import type { LoaderFactory } from '#libs/graphql/subgraph.module.js';
import { AreasService } from '#apps/inspection/areas/areas.service.js';
import { AnnulmentsService } from '#apps/inspection/check-ins/annulments.service.js';
import { ClosedLoopService } from '#apps/inspection/closed-loop/closed-loop.service.js';

export type InspectionLoaders = ReturnType<InspectionLoaderFactory['create']>;

/** Per-request DataLoaders: one statement per kind of thing a query reaches. */
@Injectable()
export class InspectionLoaderFactory implements LoaderFactory {
  constructor(
    private readonly areas: AreasService,
    private readonly closedLoop: ClosedLoopService,
    private readonly annulments: AnnulmentsService,
    private readonly dataSource: DataSource,
  ) {}

  create() {
    return {
      area: new DataLoader((codes: readonly string[]) => this.areas.byCodes(codes)),
      /** Keyed by area code and the caller's organisation scope (null: everyone counts). */
      occupancy: new DataLoader<{ code: string; scope: string | null }, number, string>(
        async (keys) => {
          const byScope = new Map<string | null, string[]>();
          for (const k of keys) byScope.set(k.scope, [...(byScope.get(k.scope) ?? []), k.code]);
          const counts = new Map<string, number>();
          for (const [scope, codes] of byScope) {
            const found = await this.areas.occupancy(codes, scope);
            codes.forEach((code, i) => counts.set(`${scope ?? ''}|${code}`, found[i]));
          }
          return keys.map((k) => counts.get(`${k.scope ?? ''}|${k.code}`) ?? 0);
        },
        { cacheKeyFn: (k) => `${k.scope ?? ''}|${k.code}` },
      ),
      closedLoop: new DataLoader((ids: readonly string[]) => this.closedLoop.byPersonIds(ids)),
      annulment: new DataLoader((ids: readonly string[]) => this.annulments.byCheckInIds(ids)),
      personInScope: createPersonScopeLoader(this.dataSource),
    };
  }
}

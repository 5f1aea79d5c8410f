import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { venueZoneProblems } from '#libs/accreditation/venue-zones.js';
import { BadUserInputError, ConflictError } from '#libs/common/errors.js';
import { occupancy } from '#libs/movement/presence.js';
import { InspectionSql } from '#libs/sql/inspection.sql.js';
import type {
  AreaKind,
  CreateInspectionAreaInput,
  InspectionArea,
} from '#apps/inspection/areas/area.type.js';

interface AreaRow {
  id: string;
  code: string;
  name: string;
  kind: AreaKind;
  venue_code: string;
  zone: string;
  closed_loop: boolean;
}

const toArea = (r: AreaRow): InspectionArea => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  venueCode: r.venue_code,
  zone: r.zone,
  closedLoop: r.closed_loop,
});

/** More designated areas than a Games has; beyond it areas are simply read each time. */
const MAX_CACHED_AREAS = 10_000;

@Injectable()
export class AreasService {
  private readonly cache = new Map<string, InspectionArea>();

  constructor(private readonly dataSource: DataSource) {}

  /** An area names a place of the venue catalogue: the zone one of its venue's. */
  async create(input: CreateInspectionAreaInput): Promise<InspectionArea> {
    const problems = await venueZoneProblems(this.dataSource, input.venueCode, input.zone);
    if (problems.length > 0) throw new BadUserInputError(problems);
    const rows: AreaRow[] = await this.dataSource.query(InspectionSql.areas.insert, [
      input.code,
      input.name,
      input.kind,
      input.venueCode,
      input.zone,
      input.closedLoop,
    ]);
    if (!rows[0])
      throw new ConflictError(`An inspection area with code ${input.code} already exists`);
    return toArea(rows[0]);
  }

  async list(): Promise<InspectionArea[]> {
    const rows: AreaRow[] = await this.dataSource.query(InspectionSql.areas.list);
    return rows.map(toArea);
  }

  /**
   * An area by code. Areas are never changed or removed once created, so each
   * is read from the database once per instance and then served from memory:
   * a scan spends no query on its area.
   */
  async byCode(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InspectionArea | null> {
    const known = this.cache.get(code);
    if (known) return known;
    const rows: AreaRow[] = await manager.query(InspectionSql.areas.byCode, [code]);
    if (!rows[0]) return null;
    const area = toArea(rows[0]);
    if (this.cache.size < MAX_CACHED_AREAS) this.cache.set(code, area);
    return area;
  }

  async byCodes(codes: readonly string[]): Promise<(InspectionArea | null)[]> {
    const rows: AreaRow[] = await this.dataSource.query(InspectionSql.areas.byCodes, [codes]);
    const byCode = new Map(rows.map((r) => [r.code, toArea(r)]));
    return codes.map((c) => byCode.get(c) ?? null);
  }

  /** People inside each area now: whose latest movement anywhere is an ENTRY there (the movement log's read side). */
  async occupancy(codes: readonly string[], organisationId: string | null): Promise<number[]> {
    const counts = await occupancy(this.dataSource, codes, organisationId);
    return codes.map((c) => counts.get(c) ?? 0);
  }
}

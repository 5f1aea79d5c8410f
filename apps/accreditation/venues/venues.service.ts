import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  MAX_VENUE_POSITIONS,
  MAX_ZONE_POSITIONS,
  type CardCatalogue,
} from '#libs/accreditation/card-token.js';
import { BadUserInputError, ConflictError, type FieldProblem } from '#libs/common/errors.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';
import type { Venue, VenueInput } from '#apps/accreditation/venues/venue.type.js';

interface VenueRow {
  code: string;
  name: string;
  zones: string[];
  position: number;
  zone_positions: number[];
}

const toVenue = (r: VenueRow): Venue => ({
  code: r.code,
  name: r.name,
  zones: r.zones,
  position: r.position,
  zonePositions: r.zone_positions,
});

/** The codes a card's venues and zones are checked against: the catalogue's, and *. */
export interface CatalogueCodes {
  venues: ReadonlySet<string>;
  zones: ReadonlySet<string>;
}

/**
 * The venue catalogue (accreditation.venues, accreditation.zone_codes): what
 * cards may name, and the positions their QR codes carry.
 */
@Injectable()
export class VenuesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<Venue[]> {
    const rows: VenueRow[] = await this.dataSource.query(AccreditationSql.venues.list);
    return rows.map(toVenue);
  }

  async upsert(input: VenueInput): Promise<Venue> {
    return this.dataSource.transaction(async (manager) => {
      // One catalogue change at a time: positions are handed out in order.
      await manager.query(AccreditationSql.venues.lockCatalogue);
      await manager.query(AccreditationSql.venues.addZoneCodes, [input.zones]);
      const [{ zones_full: zonesFull }]: { zones_full: boolean }[] = await manager.query(
        AccreditationSql.venues.zonesFull,
        [MAX_ZONE_POSITIONS],
      );
      if (zonesFull) {
        throw new ConflictError(
          `The catalogue holds at most ${MAX_ZONE_POSITIONS} zone codes (a card's QR code has room for no more): reuse an existing zone code`,
        );
      }
      await manager.query(AccreditationSql.venues.upsert, [input.code, input.name, input.zones]);
      const rows: VenueRow[] = await manager.query(AccreditationSql.venues.byCode, [input.code]);
      if (rows[0].position >= MAX_VENUE_POSITIONS) {
        throw new ConflictError(
          `The catalogue holds at most ${MAX_VENUE_POSITIONS} venues (a card's QR code has room for no more)`,
        );
      }
      return toVenue(rows[0]);
    });
  }

  /** Venue and zone codes by position, for signing and reading card tokens. */
  async catalogue(manager: EntityManager = this.dataSource.manager): Promise<CardCatalogue> {
    const venues: { code: string; position: number }[] = await manager.query(
      AccreditationSql.venues.venuePositions,
    );
    const zones: { code: string; position: number }[] = await manager.query(
      AccreditationSql.venues.zonePositions,
    );
    const byPosition = (rows: { code: string; position: number }[]) => {
      const list: (string | undefined)[] = [];
      for (const r of rows) list[r.position] = r.code;
      return list;
    };
    return { venues: byPosition(venues), zones: byPosition(zones) };
  }

  /** The codes cards may name now: every venue's, and the zones some venue has. */
  async codes(manager: EntityManager = this.dataSource.manager): Promise<CatalogueCodes> {
    const rows: { code: string; zones: string[] }[] = await manager.query(
      AccreditationSql.venues.codes,
    );
    return {
      venues: new Set(rows.map((r) => r.code)),
      zones: new Set(rows.flatMap((r) => r.zones)),
    };
  }
}

/**
 * What is wrong with a card's venue and zone codes against the catalogue, one
 * problem per field (prefix names where the field sits, e.g. accreditation.).
 */
export function catalogueProblems(
  codes: CatalogueCodes,
  venues: readonly string[],
  zones: readonly string[],
  prefix = '',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const unknownVenues = venues.filter((v) => v !== '*' && !codes.venues.has(v));
  if (unknownVenues.length > 0) {
    problems.push({
      field: `${prefix}venues`,
      message: `${unknownVenues.join(', ')} ${unknownVenues.length === 1 ? 'is not a venue' : 'are not venues'} of the catalogue`,
    });
  }
  const unknownZones = zones.filter((z) => z !== '*' && !codes.zones.has(z));
  if (unknownZones.length > 0) {
    problems.push({
      field: `${prefix}zones`,
      message: `${unknownZones.join(', ')} ${unknownZones.length === 1 ? 'is not a zone' : 'are not zones'} of the catalogue`,
    });
  }
  return problems;
}

export function refuseOutsideCatalogue(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new BadUserInputError(problems);
}

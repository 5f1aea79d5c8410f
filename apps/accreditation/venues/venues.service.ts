import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  MAX_VENUE_POSITIONS,
  MAX_ZONE_POSITIONS,
  type CardCatalogue,
} from '#libs/accreditation/card-token.js';
import { BadUserInputError, ConflictError, type FieldProblem } from '#libs/common/errors.js';
import type { Venue, VenueInput } from '#apps/accreditation/venues/venue.type.js';

interface VenueRow {
  code: string;
  name: string;
  zones: string[];
  position: number;
  zone_positions: number[];
}

const SELECT_VENUES = `
  SELECT v.code, v.name, v.zones, v.position,
         ARRAY(SELECT z.position FROM unnest(v.zones) WITH ORDINALITY AS u(code, ord)
               JOIN accreditation.zone_codes z ON z.code = u.code ORDER BY u.ord) AS zone_positions
  FROM accreditation.venues v`;

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
    const rows: VenueRow[] = await this.dataSource.query(`${SELECT_VENUES} ORDER BY v.position`);
    return rows.map(toVenue);
  }

  async upsert(input: VenueInput): Promise<Venue> {
    return this.dataSource.transaction(async (manager) => {
      // One catalogue change at a time: positions are handed out in order.
      await manager.query(`LOCK TABLE accreditation.venues IN SHARE ROW EXCLUSIVE MODE`);
      await manager.query(
        `INSERT INTO accreditation.zone_codes (code, position)
         SELECT u.code, (SELECT coalesce(max(position) + 1, 0) FROM accreditation.zone_codes) + u.ord - 1
         FROM (SELECT code, row_number() OVER () AS ord
               FROM unnest($1::text[]) AS code
               WHERE code NOT IN (SELECT code FROM accreditation.zone_codes)) u`,
        [input.zones],
      );
      const [{ zones_full: zonesFull }]: { zones_full: boolean }[] = await manager.query(
        `SELECT coalesce(max(position), -1) >= $1 AS zones_full FROM accreditation.zone_codes`,
        [MAX_ZONE_POSITIONS],
      );
      if (zonesFull) {
        throw new ConflictError(
          `The catalogue holds at most ${MAX_ZONE_POSITIONS} zone codes (a card's QR code has room for no more): reuse an existing zone code`,
        );
      }
      await manager.query(
        `INSERT INTO accreditation.venues (code, name, zones, position)
         VALUES ($1, $2, $3, (SELECT coalesce(max(position) + 1, 0) FROM accreditation.venues))
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, zones = EXCLUDED.zones, updated_at = now()`,
        [input.code, input.name, input.zones],
      );
      const rows: VenueRow[] = await manager.query(`${SELECT_VENUES} WHERE v.code = $1`, [
        input.code,
      ]);
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
      `SELECT code, position FROM accreditation.venues`,
    );
    const zones: { code: string; position: number }[] = await manager.query(
      `SELECT code, position FROM accreditation.zone_codes`,
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
      `SELECT code, zones FROM accreditation.venues`,
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

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The venue catalogue: the Games' venues and the zone codes inside each. Cards
 * may name only these codes (or *). A card's QR code carries its venues and
 * zones as bit sets over their positions, so a position, once given, is never
 * given to another code; zone codes get positions of their own the first time
 * a venue names them. The accreditation service reads and writes both tables
 * (the schema's default privileges).
 *
 * Seeded with the Beijing 2022 venues: the competition venues, villages, main
 * hotels and press centres of the Beijing, Yanqing and Zhangjiakou zones, and
 * Beijing Capital airport as the port of entry. Zones follow the Olympic
 * numbering (1 field of play, 2 athletes' preparation, 3 operations, 4 media,
 * 5 broadcast, 6 Olympic family, 7 spectator), R for a village's residential
 * zone, H for a hotel, ARR and T3 at the airport.
 */
export const BEIJING_2022_VENUES: readonly [code: string, name: string, zones: string[]][] = [
  ['NST', 'National Stadium (ceremonies), Beijing', ['1', '2', '3', '4', '5', '6', '7']],
  ['NAC', 'National Aquatics Centre (curling), Beijing', ['1', '2', '3', '4', '5', '6', '7']],
  ['NIS', 'National Indoor Stadium (ice hockey), Beijing', ['1', '2', '3', '4', '5', '6', '7']],
  ['WKS', 'Wukesong Sports Centre (ice hockey), Beijing', ['1', '2', '3', '4', '5', '6', '7']],
  [
    'CIS',
    'Capital Indoor Stadium (figure skating, short track), Beijing',
    ['1', '2', '3', '4', '5', '6', '7'],
  ],
  ['NSS', 'National Speed Skating Oval, Beijing', ['1', '2', '3', '4', '5', '6', '7']],
  ['BNS', 'Big Air Shougang, Beijing', ['1', '2', '3', '4', '5', '6', '7']],
  ['BOV', 'Beijing Olympic Village', ['1', '2', '3', 'R']],
  ['MMC', 'Main Media Centre (MPC and IBC), Beijing', ['3', '4', '5']],
  ['BOH', 'Olympic Family Hotel, Beijing', ['3', '6', 'H']],
  ['BMH', 'Media hotels, Beijing', ['3', '4', 'H']],
  ['PEK', 'Beijing Capital International Airport (port of entry)', ['ARR', 'T3']],
  ['YAN', 'National Alpine Skiing Centre, Yanqing', ['1', '2', '3', '4', '5', '6', '7']],
  ['YSC', 'National Sliding Centre, Yanqing', ['1', '2', '3', '4', '5', '6', '7']],
  ['YOV', 'Yanqing Olympic Village', ['1', '2', '3', 'R']],
  ['YMC', 'Yanqing Mountain Media Centre', ['3', '4', '5']],
  ['YMH', 'Main hotels, Yanqing', ['3', '6', 'H']],
  ['GSP', 'Genting Snow Park, Zhangjiakou', ['1', '2', '3', '4', '5', '6', '7']],
  ['NSJ', 'National Ski Jumping Centre, Zhangjiakou', ['1', '2', '3', '4', '5', '6', '7']],
  ['NCC', 'National Cross-Country Skiing Centre, Zhangjiakou', ['1', '2', '3', '4', '5', '6', '7']],
  ['BIA', 'National Biathlon Centre, Zhangjiakou', ['1', '2', '3', '4', '5', '6', '7']],
  ['ZOV', 'Zhangjiakou Olympic Village', ['1', '2', '3', 'R']],
  ['ZJK', 'Zhangjiakou Mountain Media Centre', ['3', '4', '5']],
  ['ZMH', 'Main hotels, Zhangjiakou', ['3', '6', 'H']],
];

export class VenueCatalogue1764300001500 implements MigrationInterface {
  name = 'VenueCatalogue1764300001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accreditation.venues (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,19}$'),
        name text NOT NULL,
        zones text[] NOT NULL,
        position smallint NOT NULL UNIQUE CHECK (position >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE accreditation.zone_codes (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,19}$'),
        position smallint NOT NULL UNIQUE CHECK (position >= 0)
      )`);
    const zones: string[] = [];
    for (const [, , venueZones] of BEIJING_2022_VENUES) {
      for (const zone of venueZones) if (!zones.includes(zone)) zones.push(zone);
    }
    await q.query(
      `INSERT INTO accreditation.zone_codes (code, position)
       SELECT code, ord - 1 FROM unnest($1::text[]) WITH ORDINALITY AS t(code, ord)`,
      [zones],
    );
    for (const [position, [code, name, venueZones]] of BEIJING_2022_VENUES.entries()) {
      await q.query(
        `INSERT INTO accreditation.venues (code, name, zones, position) VALUES ($1, $2, $3, $4)`,
        [code, name, venueZones, position],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE accreditation.zone_codes`);
    await q.query(`DROP TABLE accreditation.venues`);
  }
}

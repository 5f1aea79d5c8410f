import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * The venue catalogue as inspection reads it: one row per venue and zone code
 * the catalogue has, so an inspection area names only a place a card can
 * name (createInspectionArea checks it). Published by the owner, read-only.
 */
export class CatalogueForAreas1764300001801 implements MigrationInterface {
  name = 'CatalogueForAreas1764300001801';

  async up(q: QueryRunner): Promise<void> {
    const { inspection: ins } = await migrationRoles(q);
    await q.query(`
      CREATE VIEW accreditation.venue_zones AS
      SELECT v.code AS venue_code, z.zone
      FROM accreditation.venues v CROSS JOIN LATERAL unnest(v.zones) AS z(zone)`);
    await q.query(`GRANT SELECT ON accreditation.venue_zones TO ${ins}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW accreditation.venue_zones`);
  }
}

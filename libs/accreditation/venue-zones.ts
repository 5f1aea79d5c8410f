import type { FieldProblem } from '#libs/common/error-codes.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';

/**
 * What is wrong with a venue and zone against the venue catalogue (the owner's
 * view accreditation.venue_zones): the venue must be the catalogue's, and the
 * zone one of that venue's.
 */
export async function venueZoneProblems(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  venueCode: string,
  zone: string,
): Promise<FieldProblem[]> {
  const zones = (
    (await db.query(AccreditationSql.published.venueZones, [venueCode])) as { zone: string }[]
  ).map((r) => r.zone);
  if (zones.length === 0) {
    return [{ field: 'venueCode', message: `${venueCode} is not a venue of the catalogue` }];
  }
  if (!zones.includes(zone)) {
    return [
      {
        field: 'zone',
        message: `${zone} is not a zone of ${venueCode} (it has ${zones.join(', ')})`,
      },
    ];
  }
  return [];
}

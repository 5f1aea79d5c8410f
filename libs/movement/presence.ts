import type { EntityManager } from 'typeorm';
import {
  keysetCondition,
  keysetOrder,
  microsOf,
  type KeyValue,
  type Keyset,
} from '#libs/graphql/keyset.js';
import { MovementSql, presencePage } from '#libs/sql/movement.sql.js';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * People inside each location now: those whose latest movement overall (in
 * occurredAt order) is an ENTRY there. Read from the owner's view movement.presence
 * over movement.latest, which the appending transaction keeps; one index range per
 * location. The inspection service calls this for InspectionArea.occupancy (batched
 * per request).
 */
export async function occupancy(
  manager: Queryable,
  locations: readonly string[],
  /** Counts only this organisation's people (an organisation-bound caller's). */
  organisationId: string | null = null,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(locations.map((l) => [l, 0]));
  if (locations.length === 0) return counts;
  const rows: { location: string; inside: number }[] = await manager.query(
    MovementSql.published.occupancy,
    [[...new Set(locations)], organisationId],
  );
  for (const row of rows) counts.set(row.location, row.inside);
  return counts;
}

export interface PresenceRecord {
  personId: string;
  location: string;
  since: Date;
  /** Microseconds since the epoch: the exact keyset position, for cursors. */
  sinceMicros: string;
}

/** Who is inside, longest there first, the person's id breaking ties. */
export const PRESENCE_ORDER: Keyset = {
  columns: [
    { sql: 'l.since', kind: 'micros' },
    { sql: 'l.person_id', kind: 'uuid' },
  ],
};

/**
 * Who is inside the location now, a keyset page in PRESENCE_ORDER after the key `after`
 * (decoded with decodeKeyset); organisationId confines it to that organisation's people.
 */
export async function presentAt(
  manager: Queryable,
  location: string,
  options: {
    limit: number;
    after?: readonly KeyValue[] | null;
    organisationId?: string | null;
  },
): Promise<{ rows: PresenceRecord[]; totalCount: number }> {
  const org = options.organisationId ?? null;
  const params: unknown[] = [location, org, options.limit];
  const keyset = options.after
    ? keysetCondition(PRESENCE_ORDER, options.after, (v) => `$${params.push(v)}`)
    : null;
  const rows: { person_id: string; location: string; since: Date; since_us: string }[] =
    await manager.query(
      presencePage(microsOf('l.since'), keyset, keysetOrder(PRESENCE_ORDER)),
      params,
    );
  const [{ total }]: { total: number }[] = await manager.query(MovementSql.presence.count, [
    location,
    org,
  ]);
  return {
    rows: rows.map((r) => ({
      personId: r.person_id,
      location: r.location,
      since: r.since,
      sinceMicros: r.since_us,
    })),
    totalCount: total,
  };
}

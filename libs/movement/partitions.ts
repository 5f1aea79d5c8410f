import type { EntityManager } from 'typeorm';
import { MovementSql } from '#libs/sql/movement.sql.js';

/** How far ahead monthly partitions of the log exist. */
export const PARTITIONS_AHEAD_MONTHS = 3;

/**
 * Creates the log's monthly partitions from last month through `through`
 * (default: three months ahead). Idempotent and safe when several services
 * call it at once; returns how many partitions it created.
 */
export async function ensurePartitions(
  manager: Pick<EntityManager, 'query'>,
  through?: Date,
): Promise<number> {
  const rows: { created: number }[] = await manager.query(MovementSql.published.ensurePartitions, [
    through ?? null,
    `${PARTITIONS_AHEAD_MONTHS} months`,
  ]);
  return rows[0]?.created ?? 0;
}

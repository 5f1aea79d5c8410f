import type { EntityManager } from 'typeorm';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { transition } from '#libs/accreditation/lifecycle.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';

/**
 * The accreditation service's published write side for arrival processing:
 * an APPROVED accreditation becomes ACTIVE (an ACTIVE one stays so), with the
 * change in its history, inside the caller's transaction. The owner's
 * accreditation.activate_on_arrival makes that one change, APPROVED -> ACTIVE, under
 * the row's lock; any other status it finds is refused here by the lifecycle.
 */
export async function activateAccreditation(
  manager: EntityManager,
  accreditationId: string,
  by: string,
): Promise<void> {
  const [{ found }]: { found: AccreditationStatus | null }[] = await manager.query(
    AccreditationSql.published.activateOnArrival,
    [accreditationId, by],
  );
  if (found === null) return;
  // Throws the lifecycle's CONFLICT for a status that cannot become ACTIVE (nothing changed).
  transition({ status: found, statusBeforeSuspension: null }, 'activate');
}

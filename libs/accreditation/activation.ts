import type { EntityManager } from 'typeorm';
import { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';
import { transition } from '#libs/accreditation/lifecycle.js';

/**
 * The accreditation service's published write side for arrival processing:
 * an APPROVED accreditation becomes ACTIVE (an ACTIVE one stays so), with the
 * change in its history, inside the caller's transaction.
 */
export async function activateAccreditation(
  manager: EntityManager,
  accreditationId: string,
  by: string,
): Promise<void> {
  const rows: { status: AccreditationStatus }[] = await manager.query(
    `SELECT status FROM accreditation.accreditations WHERE id = $1 FOR UPDATE`,
    [accreditationId],
  );
  const current = rows[0]?.status;
  if (!current || current === AccreditationStatus.ACTIVE) return;
  const next = transition({ status: current, statusBeforeSuspension: null }, 'activate');
  await manager.query(
    `UPDATE accreditation.accreditations SET status = $2, updated_at = now() WHERE id = $1`,
    [accreditationId, next.status],
  );
  await manager.query(
    `INSERT INTO accreditation.accreditation_events (accreditation_id, status, reason, by)
     VALUES ($1, $2, 'validated on arrival', $3)`,
    [accreditationId, next.status, by],
  );
}

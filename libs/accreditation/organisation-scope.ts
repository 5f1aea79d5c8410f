import type { EntityManager } from 'typeorm';
import { organisationScope, type Principal } from '#libs/auth/principal.js';
import { NotFoundError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';

/**
 * The accreditation service's published read side for organisation scoping
 * (the owner's view accreditation.person_organisations):
 * a caller bound to an organisation (an API key) sees and writes only that
 * organisation's people; to it, anyone else does not exist.
 */
export async function assertPersonInScope(
  manager: EntityManager,
  principal: Principal | null,
  personId: string,
): Promise<void> {
  const scope = organisationScope(principal);
  if (!scope) return;
  const rows: { organisation_id: string }[] = isUuid(personId)
    ? await manager.query(
        `SELECT organisation_id FROM accreditation.person_organisations WHERE person_id = $1`,
        [personId],
      )
    : [];
  if (rows[0]?.organisation_id !== scope) throw new NotFoundError('Person', personId);
}

/** SQL condition keeping only the scope's people, for a column holding person ids. */
export function personScopeCondition(column: string, parameter: string): string {
  return `${column} IN (SELECT person_id FROM accreditation.person_organisations
    WHERE organisation_id = ${parameter})`;
}

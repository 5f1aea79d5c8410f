import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { organisationScope, type Principal } from '#libs/auth/principal.js';
import { NotFoundError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import {
  AccreditationSql,
  personScopeCondition as scopeCondition,
} from '#libs/sql/accreditation.sql.js';

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
    ? await manager.query(AccreditationSql.published.personOrganisation, [personId])
    : [];
  if (rows[0]?.organisation_id !== scope) throw new NotFoundError('Person', personId);
}

/** SQL condition keeping only the scope's people, for a column holding person ids (libs/sql). */
export const personScopeCondition = scopeCondition;

/** A person reached by reference, and the organisation its caller is confined to (if any). */
export interface ScopedPersonRef {
  id: string;
  scope: string | null;
}

/**
 * For a batch of references, whether each person is visible to its caller:
 * always without a scope; with one, in one statement for the whole batch.
 * Reference resolvers of other services use it as a per-request DataLoader,
 * so `_entities` applies the organisation scope that root fields apply.
 */
export function createPersonScopeLoader(
  manager: Pick<EntityManager, 'query'>,
): DataLoader<ScopedPersonRef, boolean, string> {
  return new DataLoader<ScopedPersonRef, boolean, string>(
    async (refs) => {
      const visible = new Set<string>();
      const scopes = new Set(refs.flatMap((r) => (r.scope ? [r.scope] : [])));
      for (const scope of scopes) {
        const ids = refs.filter((r) => r.scope === scope && isUuid(r.id)).map((r) => r.id);
        const rows: { id: string }[] = await manager.query(
          AccreditationSql.published.peopleInOrganisation,
          [ids, scope],
        );
        for (const row of rows) visible.add(`${scope}:${row.id}`);
      }
      return refs.map((r) => !r.scope || visible.has(`${r.scope}:${r.id}`));
    },
    { cacheKeyFn: (ref) => `${ref.scope ?? ''}:${ref.id}` },
  );
}

/**
 * What a service that only points at people answers for a Person reference:
 * the stub, or null (not found) when the caller's organisation scope hides the person.
 */
export async function personStubFor(
  scopeLoader: DataLoader<ScopedPersonRef, boolean, string>,
  principal: Principal | null,
  id: string,
): Promise<{ id: string } | null> {
  const visible = await scopeLoader.load({ id, scope: organisationScope(principal) });
  return visible ? { id } : null;
}

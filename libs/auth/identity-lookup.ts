import type { EntityManager } from 'typeorm';
import type { ApiScope } from '#libs/auth/roles.js';
import { IdentitySql } from '#libs/sql/identity.sql.js';

type Queryable = Pick<EntityManager, 'query'>;

/** An API key that is not revoked, as a request is authenticated with it. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  scopes: ApiScope[];
  organisationId: string | null;
}

/**
 * The identity schema's published read side (owned by the accreditation service),
 * one row at a time through the owner's functions: no other service can list keys
 * or users. The key is found by the SHA-256 of its secret.
 */
export async function findApiKey(db: Queryable, secretHash: string): Promise<ApiKeyRecord | null> {
  const rows: { id: string; name: string; scopes: ApiScope[]; organisation_id: string | null }[] =
    await db.query(IdentitySql.published.findApiKey, [secretHash]);
  const row = rows[0];
  return row
    ? { id: row.id, name: row.name, scopes: row.scopes, organisationId: row.organisation_id }
    : null;
}

/** A staff user's email, to name who reported something (null for an unknown id). */
export async function userEmail(db: Queryable, userId: string): Promise<string | null> {
  const rows: { email: string | null }[] = await db.query(IdentitySql.published.userEmail, [
    userId,
  ]);
  return rows[0]?.email ?? null;
}

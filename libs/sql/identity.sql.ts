/**
 * The identity schema's statements (staff users and API keys; the accreditation service
 * owns it): what that service runs on its tables, and the owner's functions every service
 * calls to authenticate a request (libs/auth). Parameters are numbered as each comment says.
 * test/database/sql-modules.service-spec.ts prepares every one on a migrated database.
 */

/** identity.users (alias `u`) in the entity's names (apps/accreditation/identity/user.entity.ts). */
const USER_COLUMNS = `u.id, u.email, u.password_hash AS "passwordHash", u.roles,
  u.organisation_id AS "organisationId", u.disabled_at AS "disabledAt",
  u.session_epoch AS "sessionEpoch", u.preferred_language AS "preferredLanguage"`;

/** identity.api_keys in the entity's names, without the secret's hash. */
const API_KEY_COLUMNS = `id, name, scopes, organisation_id AS "organisationId",
  created_at AS "createdAt", revoked_at AS "revokedAt"`;

export const IdentitySql = {
  users: {
    /**
     * The first ADMIN ($1 email, $2 password hash, $3 roles), only while there is no user:
     * every instance may try at once; the first to insert wins, the others get no row.
     */
    insertFirst: `INSERT INTO identity.users (email, password_hash, roles)
       SELECT $1, $2, $3::text[] WHERE NOT EXISTS (SELECT 1 FROM identity.users)
       ON CONFLICT DO NOTHING RETURNING id`,
    /** $1 email, $2 password hash, $3 roles, $4 organisation. */
    insert: `INSERT INTO identity.users AS u (email, password_hash, roles, organisation_id)
       VALUES ($1, $2, $3::text[], $4) RETURNING ${USER_COLUMNS}`,
    count: `SELECT count(*)::int AS n FROM identity.users`,
    /** $1 email, ignoring case. */
    byEmail: `SELECT ${USER_COLUMNS} FROM identity.users u WHERE lower(u.email) = lower($1)`,
    /** $1 id. */
    byId: `SELECT ${USER_COLUMNS} FROM identity.users u WHERE u.id = $1`,
    /** Ends every session of $1: tokens of earlier epochs are refused from now on. */
    endSessions: `UPDATE identity.users SET session_epoch = session_epoch + 1 WHERE id = $1`,
    /** $1 id, $2 language. */
    setPreferredLanguage: `UPDATE identity.users SET preferred_language = $2 WHERE id = $1`,
    /** Disables $1 and ends its sessions (once). */
    disable: `UPDATE identity.users SET disabled_at = now(), session_epoch = session_epoch + 1
       WHERE id = $1 AND disabled_at IS NULL`,
    /** $1 id. */
    enable: `UPDATE identity.users SET disabled_at = NULL WHERE id = $1`,
  },

  apiKeys: {
    /** $1 name, $2 secret hash, $3 scopes, $4 organisation, $5 created by. */
    insert: `INSERT INTO identity.api_keys (name, secret_hash, scopes, organisation_id, created_by)
       VALUES ($1, $2, $3::text[], $4, $5) RETURNING ${API_KEY_COLUMNS}`,
    /** Newest first. */
    list: `SELECT ${API_KEY_COLUMNS} FROM identity.api_keys ORDER BY created_at DESC, id`,
    /** $1 id. */
    byId: `SELECT ${API_KEY_COLUMNS} FROM identity.api_keys WHERE id = $1`,
    /** $1 id (once). */
    revoke: `UPDATE identity.api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
  },

  /** The owner's functions, granted to every service (libs/auth), one row at a time. */
  published: {
    /** identity.find_api_key: $1 the SHA-256 of the secret; a key not revoked. */
    findApiKey: `SELECT * FROM identity.find_api_key($1)`,
    /** identity.user_email: $1 user id. */
    userEmail: `SELECT identity.user_email($1) AS email`,
    /** identity.session_of: $1 user id; the roles, whether disabled, the session epoch. */
    sessionOf: `SELECT roles, disabled, session_epoch FROM identity.session_of($1)`,
  },
} as const;

/**
 * A page of users by email ignoring case (alias `u`); $1 is the limit, `keyset` (from
 * libs/graphql/keyset.ts) the condition after the cursor, or null for the first page.
 */
export function usersPage(keyset: string | null, order: string): string {
  return `SELECT ${USER_COLUMNS} FROM identity.users u ${keyset ? `WHERE ${keyset}` : ''}
         ORDER BY ${order} LIMIT $1`;
}

import type { CardJwk } from '#libs/accreditation/card-token.js';
import type { DataSource } from 'typeorm';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';

/**
 * The card-verification public keys the accreditation service publishes
 * (every key not yet retired: the owner's view accreditation.card_verification_keys).
 * Read by whoever verifies card tokens.
 */
export async function readVerificationKeys(dataSource: DataSource): Promise<Map<string, CardJwk>> {
  const rows: { kid: string; public_jwk: CardJwk }[] = await dataSource.query(
    AccreditationSql.published.verificationKeys,
  );
  return new Map(rows.map((r) => [r.kid, r.public_jwk]));
}

import type { CardJwk } from '#libs/accreditation/card-token.js';
import type { DataSource } from 'typeorm';

/**
 * The card-verification public keys the accreditation service publishes
 * (every key not yet retired: the owner's view accreditation.card_verification_keys).
 * Read by whoever verifies card tokens.
 */
export async function readVerificationKeys(dataSource: DataSource): Promise<Map<string, CardJwk>> {
  const rows: { kid: string; public_jwk: CardJwk }[] = await dataSource.query(
    `SELECT kid, public_jwk FROM accreditation.card_verification_keys ORDER BY created_at`,
  );
  return new Map(rows.map((r) => [r.kid, r.public_jwk]));
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finding people by card number with a trigram index (names and document
 * numbers have theirs), and the gates' deny list from a partial index that
 * holds only the cards to refuse.
 */
export class AccreditationSearch1764300000500 implements MigrationInterface {
  name = 'AccreditationSearch1764300000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX accreditations_card_number_trgm_idx ON accreditation.accreditations
      USING gin (card_number gin_trgm_ops)`);
    await q.query(`
      CREATE INDEX accreditations_deny_list_idx ON accreditation.accreditations (card_number)
      INCLUDE (status, token_version)
      WHERE status IN ('SUSPENDED', 'REVOKED') OR token_version > 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX accreditation.accreditations_deny_list_idx`);
    await q.query(`DROP INDEX accreditation.accreditations_card_number_trgm_idx`);
  }
}

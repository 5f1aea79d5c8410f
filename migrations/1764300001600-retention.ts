import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention: a person's identifying data is erased some time after their accreditation
 * ends (apps/accreditation/people/retention.service.ts). `erased_at` says when; the
 * document number may then be absent. The accreditation service already may UPDATE people.
 */
export class Retention1764300001600 implements MigrationInterface {
  name = 'Retention1764300001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accreditation.people ADD COLUMN erased_at timestamptz`);
    await q.query(`ALTER TABLE accreditation.people ALTER COLUMN document_number DROP NOT NULL`);
    await q.query(
      `CREATE INDEX accreditations_valid_until_idx ON accreditation.accreditations (valid_until)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX accreditation.accreditations_valid_until_idx`);
    await q.query(
      `UPDATE accreditation.people SET document_number = 'ERASED-' || id WHERE document_number IS NULL`,
    );
    await q.query(`ALTER TABLE accreditation.people ALTER COLUMN document_number SET NOT NULL`);
    await q.query(`ALTER TABLE accreditation.people DROP COLUMN erased_at`);
  }
}

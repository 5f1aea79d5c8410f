import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * The deny list offline gates cache is served by the inspection service, which owns
 * the closed loop and the decision table; what it needs of the cards it reads through
 * the accreditation owner's view accreditation.card_statuses (every card: its number,
 * holder, organisation, status and token version), granted to the inspection role alone.
 * The partial index of the old list (suspended, revoked or reissued cards only) serves
 * nothing now.
 */
export class CardDenyList1764300001100 implements MigrationInterface {
  name = 'CardDenyList1764300001100';

  async up(q: QueryRunner): Promise<void> {
    const { inspection: ins } = await migrationRoles(q);
    await q.query(`
      CREATE VIEW accreditation.card_statuses AS
      SELECT a.card_number, a.person_id, p.organisation_id, a.status, a.token_version
      FROM accreditation.accreditations a JOIN accreditation.people p ON p.id = a.person_id`);
    await q.query(`GRANT SELECT ON accreditation.card_statuses TO ${ins}`);
    await q.query(`DROP INDEX accreditation.accreditations_deny_list_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW accreditation.card_statuses`);
    await q.query(`
      CREATE INDEX accreditations_deny_list_idx ON accreditation.accreditations (card_number)
      INCLUDE (status, token_version)
      WHERE status IN ('SUSPENDED', 'REVOKED') OR token_version > 1`);
  }
}

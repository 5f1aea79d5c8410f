import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections of a registered person (updatePerson) are entries of the
 * accreditation history like any change of status: `changes` lists the fields
 * changed, old and new values, except for identifying data (names, date of
 * birth, document number), which retention erases from the person and the
 * history therefore never keeps. NULL for a change of status.
 */
export class PersonEdits1764300001800 implements MigrationInterface {
  name = 'PersonEdits1764300001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accreditation.accreditation_events ADD COLUMN changes jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accreditation.accreditation_events DROP COLUMN changes`);
  }
}

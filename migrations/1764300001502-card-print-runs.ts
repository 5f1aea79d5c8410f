import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Print runs: the accreditations of one cardsPdfUrl link (up to 500), in the
 * order asked, so the link stays short. The PDF is drawn when the link is
 * fetched, from the cards' current tokens. The accreditation service reads and
 * writes them (the schema's default privileges).
 */
export class CardPrintRuns1764300001502 implements MigrationInterface {
  name = 'CardPrintRuns1764300001502';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accreditation.card_print_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        accreditation_ids uuid[] NOT NULL CHECK (cardinality(accreditation_ids) BETWEEN 1 AND 500),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE accreditation.card_print_runs`);
  }
}

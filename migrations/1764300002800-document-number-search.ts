import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people search reads names and document numbers through two trigram indexes instead
 * of three. The names alone had their own index (migration 1764300001400, for callers who
 * may not see document numbers) beside one over names and document number together; now
 * the document number has its own, short one, and a search with document numbers is the
 * names' arm or the document number's (libs/sql/accreditation-lists.sql.ts). A person's
 * trigram entries fall from about 50 to about 30: measured on the import of 100,000 people
 * (a rolled-back transaction, CPU of the backend), their insert 2.3–3.0 s of PostgreSQL
 * CPU before, 1.8–2.0 s after. A pattern spanning a name and a document number no longer
 * matches; nobody searches that way.
 */
export class DocumentNumberSearch1764300002800 implements MigrationInterface {
  name = 'DocumentNumberSearch1764300002800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX people_document_search_idx ON accreditation.people
      USING gin ((lower(document_number)) gin_trgm_ops)`);
    await q.query(`DROP INDEX accreditation.people_search_idx`);
    await this.mergeFunction(q, 'people_document_search_idx');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX people_search_idx ON accreditation.people
      USING gin ((lower(given_name || ' ' || family_name || ' ' || document_number)) gin_trgm_ops)`);
    await q.query(`DROP INDEX accreditation.people_document_search_idx`);
    await this.mergeFunction(q, 'people_search_idx');
  }

  /** The import's pending lists, merged after its commit (migration 1764300002600). */
  private async mergeFunction(q: QueryRunner, documentIndex: string): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION accreditation.merge_search_pending_lists() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        PERFORM gin_clean_pending_list('accreditation.${documentIndex}'::regclass),
                gin_clean_pending_list('accreditation.people_name_search_idx'::regclass),
                gin_clean_pending_list('accreditation.accreditations_card_number_search_idx'::regclass);
      END $$`);
  }
}

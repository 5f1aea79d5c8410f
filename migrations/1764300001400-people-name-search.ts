import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A trigram index on names alone: callers who may not see document numbers
 * search names and card numbers only (a search that matched inside document
 * numbers would give them away one character at a time).
 */
export class PeopleNameSearch1764300001400 implements MigrationInterface {
  name = 'PeopleNameSearch1764300001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX people_name_search_idx ON accreditation.people
      USING gin ((lower(given_name || ' ' || family_name)) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX accreditation.people_name_search_idx`);
  }
}

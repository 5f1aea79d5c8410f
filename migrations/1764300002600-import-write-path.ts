import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an accreditation's insert costs, for the people import (ARCHITECTURE.md, import).
 *
 * The category is checked against the categories by a CHECK constraint listing their
 * codes instead of a foreign key: the key's check was a query per inserted row (a
 * tenth of the import's database time), the list a comparison. The categories are
 * reference data, written only by migrations; any change to them rebuilds the list
 * from the table in the same statement, and rebuilding validates every accreditation,
 * so a category in use can no more be deleted or renamed than under the key, and an
 * accreditation can name only a category of the table.
 *
 * The import's trigram pending lists are all merged after its commit: the names-only
 * index (migration 1764300001400) was missing from the merge, so its pending list of
 * a whole import waited for a registration to merge it in the caller's time.
 */
export class ImportWritePath1764300002600 implements MigrationInterface {
  name = 'ImportWritePath1764300002600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION accreditation.list_category_codes() RETURNS void
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        ALTER TABLE accreditation.accreditations DROP CONSTRAINT IF EXISTS accreditations_category_listed;
        EXECUTE format(
          'ALTER TABLE accreditation.accreditations ADD CONSTRAINT accreditations_category_listed CHECK (category = ANY (%L::text[]))',
          (SELECT coalesce(array_agg(code ORDER BY code), '{}') FROM accreditation.categories));
      END $$`);
    // Only the table's owner may alter it: the owner's trigger does, whoever changed the categories.
    await q.query(`
      CREATE FUNCTION accreditation.categories_changed() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        PERFORM accreditation.list_category_codes();
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER categories_listed
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON accreditation.categories
      FOR EACH STATEMENT EXECUTE FUNCTION accreditation.categories_changed()`);
    await q.query(`SELECT accreditation.list_category_codes()`);
    await q.query(
      `ALTER TABLE accreditation.accreditations DROP CONSTRAINT accreditations_category_fkey`,
    );

    await q.query(`
      CREATE OR REPLACE FUNCTION accreditation.merge_search_pending_lists() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        PERFORM gin_clean_pending_list('accreditation.people_search_idx'::regclass),
                gin_clean_pending_list('accreditation.people_name_search_idx'::regclass),
                gin_clean_pending_list('accreditation.accreditations_card_number_search_idx'::regclass);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION accreditation.merge_search_pending_lists() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        PERFORM gin_clean_pending_list('accreditation.people_search_idx'::regclass),
                gin_clean_pending_list('accreditation.accreditations_card_number_search_idx'::regclass);
      END $$`);
    await q.query(`
      ALTER TABLE accreditation.accreditations
      ADD CONSTRAINT accreditations_category_fkey FOREIGN KEY (category) REFERENCES accreditation.categories (code)`);
    await q.query(`DROP TRIGGER categories_listed ON accreditation.categories`);
    await q.query(`DROP FUNCTION accreditation.categories_changed()`);
    await q.query(
      `ALTER TABLE accreditation.accreditations DROP CONSTRAINT accreditations_category_listed`,
    );
    await q.query(`DROP FUNCTION accreditation.list_category_codes()`);
  }
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { runMigrations } from '#libs/database/migrate.js';
import { createTestDatabase, type TestDatabase } from '#test/support/database.js';

/**
 * An accreditation's category is checked against a list of the categories' codes
 * (migration 1764300002600) rather than a foreign key: the list must hold what the
 * key held, whoever changes the categories.
 */
describe("an accreditation's category", () => {
  let database: TestDatabase;
  let service: pg.Client;
  let owner: pg.Client;
  let organisationId: string;
  let serial = 0;

  /** An accreditation of `category` for a new person, as the accreditation service writes it. */
  async function accredit(category: string): Promise<void> {
    serial += 1;
    const person = await service.query<{ id: string }>(
      `INSERT INTO accreditation.people
         (organisation_id, given_name, family_name, date_of_birth, nationality, function, document_number)
       VALUES ($1, 'Ada', 'Lovelace', '1990-01-01', 'NOR', 'Athlete', $2) RETURNING id`,
      [organisationId, `D${serial}`],
    );
    await service.query(
      `INSERT INTO accreditation.accreditations
         (person_id, card_number, category, status, valid_from, valid_until, venues, zones)
       VALUES ($1, $2, $3, 'SUBMITTED', '2026-01-01', '2026-03-01', '{*}', '{*}')`,
      [person.rows[0].id, `CAT${serial}`, category],
    );
  }

  const refused = (code: string) => (error: unknown) => (error as { code?: string }).code === code;

  before(async () => {
    database = await createTestDatabase('category_list');
    await runMigrations(database.roles.owner);
    service = new pg.Client({ connectionString: database.roles.accreditation });
    await service.connect();
    owner = new pg.Client({ connectionString: database.roles.owner });
    await owner.connect();
    const organisation = await service.query<{ id: string }>(
      `INSERT INTO accreditation.organisations (code, name, type) VALUES ('NOC-CAT', 'Categories', 'NOC') RETURNING id`,
    );
    organisationId = organisation.rows[0].id;
  });

  after(async () => {
    await service?.end();
    await owner?.end();
    await database?.drop();
  });

  it('is one of the categories', async () => {
    await accredit('Aa');
    await assert.rejects(accredit('Zz'), refused('23514'));
  });

  it('may be a category added later, by the owner or by the service', async () => {
    await owner.query(`INSERT INTO accreditation.categories (code, name) VALUES ('Zz', 'Test')`);
    await accredit('Zz');
    await service.query(`INSERT INTO accreditation.categories (code, name) VALUES ('Zy', 'Test')`);
    await accredit('Zy');
  });

  it('keeps a category in use from being deleted or renamed', async () => {
    await assert.rejects(
      owner.query(`DELETE FROM accreditation.categories WHERE code = 'Zz'`),
      refused('23514'),
    );
    await assert.rejects(
      service.query(`UPDATE accreditation.categories SET code = 'Zx' WHERE code = 'Zz'`),
      refused('23514'),
    );
  });

  it('is no longer accepted once its category is deleted', async () => {
    await owner.query(`INSERT INTO accreditation.categories (code, name) VALUES ('Zw', 'Test')`);
    await owner.query(`DELETE FROM accreditation.categories WHERE code = 'Zw'`);
    await assert.rejects(accredit('Zw'), refused('23514'));
  });
});

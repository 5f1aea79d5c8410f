import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { ACCREDITATION_ROW_TYPES } from '#apps/accreditation/accreditation.module.js';
import { createDataSource } from '#libs/database/data-source.js';
import { runMigrations } from '#libs/database/migrate.js';
import { createTestDatabase, type TestDatabase } from '#test/support/database.js';

/**
 * The migrations are the schema; the TypeORM entities are a second description
 * of the same tables. TypeORM's schema builder says what it would change to
 * make the database fit the entities: for entities that agree with the
 * migrated database, nothing.
 */
describe('the entities and the migrated database', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  before(async () => {
    database = await createTestDatabase('entities');
    await runMigrations(database.roles.owner);
    dataSource = createDataSource({
      url: database.roles.owner,
      applicationName: 'entities-check',
      entities: ACCREDITATION_ROW_TYPES,
    });
    await dataSource.initialize();
  });

  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it("agree: the accreditation service's entities need no change to the schema", async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    // Indexes, foreign keys and checks live in the migrations only: entities do not
    // describe them, so the builder would drop them. Tables and columns must agree.
    const ownedByMigrations = /^(ALTER TABLE \S+ DROP CONSTRAINT|DROP INDEX) /;
    assert.deepEqual(
      pending.upQueries.map((q) => q.query).filter((query) => !ownedByMigrations.test(query)),
      [],
      'the entities differ from the migrations',
    );
  });
});

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Portraits, one per person (the default store of apps/accreditation/photos/portrait-store.ts):
 * the JPEG as shown (at most 600 x 800, metadata stripped) and a thumbnail. JPEG does not
 * compress further, so PostgreSQL keeps the bytes out of line without trying to (STORAGE
 * EXTERNAL). The accreditation service reads and writes them (the schema's default privileges).
 */
export class PersonPhotos1764300001501 implements MigrationInterface {
  name = 'PersonPhotos1764300001501';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accreditation.person_photos (
        person_id uuid PRIMARY KEY REFERENCES accreditation.people (id) ON DELETE CASCADE,
        image bytea NOT NULL,
        thumbnail bytea NOT NULL,
        width int NOT NULL CHECK (width BETWEEN 1 AND 600),
        height int NOT NULL CHECK (height BETWEEN 1 AND 800),
        taken_at timestamptz NOT NULL
      )`);
    await q.query(
      `ALTER TABLE accreditation.person_photos ALTER COLUMN image SET STORAGE EXTERNAL`,
    );
    await q.query(
      `ALTER TABLE accreditation.person_photos ALTER COLUMN thumbnail SET STORAGE EXTERNAL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE accreditation.person_photos`);
  }
}

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { cardNumberFor } from '#libs/accreditation/card-number.js';
import { generateSecrets } from '#libs/common/secrets.js';
import { createDataSource } from '#libs/database/data-source.js';
import { runMigrations } from '#libs/database/migrate.js';
import { CheckpointsService } from '#apps/movement/checkpoints.service.js';
import { MovementConfig } from '#apps/movement/movement.config.js';
import { MovementsService } from '#apps/movement/movements.service.js';
import { createTestDatabase } from '#test/support/database.js';

export interface MovementTestDatabase {
  url: string;
  /** The superuser's pool: seeds what the log points at, inspects and tampers. */
  dataSource: DataSource;
  /** The movement service role's pool: what the service under test runs on. */
  serviceDataSource: DataSource;
  close(): Promise<void>;
}

/** A migrated database of its own for one test file, with pools on it. */
export async function movementTestDatabase(label: string): Promise<MovementTestDatabase> {
  const database = await createTestDatabase(label);
  try {
    await runMigrations(database.roles.owner);
    const pool = (url: string) =>
      createDataSource({ url, applicationName: `test-${label}`, entities: [], poolSize: 20 });
    const dataSource = await pool(database.url).initialize();
    const serviceDataSource = await pool(database.roles.movement).initialize();
    return {
      url: database.url,
      dataSource,
      serviceDataSource,
      close: async () => {
        await serviceDataSource.destroy();
        await dataSource.destroy();
        if (process.env.KEEP_TEST_DATABASE) console.log(`kept ${database.url}`);
        else await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** The movement service's logic on the movement role's pool, with fresh checkpoint keys. */
export async function movementService(db: MovementTestDatabase): Promise<MovementsService> {
  const config = Object.assign(new MovementConfig(), {
    MOVEMENT_CHECKPOINT_KEY: (await generateSecrets()).MOVEMENT_CHECKPOINT_KEY,
  });
  return new MovementsService(
    db.serviceDataSource,
    new CheckpointsService(db.serviceDataSource, config),
  );
}

let serial = 1_000_000 + Math.floor(Math.random() * 1000);

/** Factories for what the movement log points at: organisations, and people with cards. */
export const given = {
  async organisation(db: DataSource, code = `ORG-${randomUUID().slice(0, 8)}`): Promise<string> {
    const [row]: { id: string }[] = await db.query(
      `INSERT INTO accreditation.organisations (code, name, type) VALUES ($1, $1, 'NOC') RETURNING id`,
      [code],
    );
    return row.id;
  },

  /** People with approved accreditations, inserted in one statement. */
  async people(
    db: DataSource,
    organisationId: string,
    count: number,
  ): Promise<{ id: string; cardNumber: string }[]> {
    const cards = Array.from({ length: count }, () => cardNumberFor((serial += 1)));
    const rows: { id: string; card_number: string }[] = await db.query(
      `WITH p AS (
         INSERT INTO accreditation.people
           (organisation_id, given_name, family_name, date_of_birth, nationality, function, document_number)
         SELECT $1, 'Given', 'Family ' || c, date '1990-01-01', 'CHN', 'Athlete', 'D' || c
         FROM unnest($2::text[]) c
         RETURNING id, document_number)
       INSERT INTO accreditation.accreditations
         (person_id, card_number, category, status, valid_from, valid_until, venues, zones)
       SELECT p.id, substr(p.document_number, 2), 'Aa', 'APPROVED', now() - interval '30 days',
              now() + interval '30 days', '{*}', '{*}'
       FROM p
       RETURNING person_id AS id, card_number`,
      [organisationId, cards],
    );
    const byCard = new Map(rows.map((r) => [r.card_number, r.id]));
    return cards.map((cardNumber) => ({ id: byCard.get(cardNumber) as string, cardNumber }));
  },
};

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * Signed checkpoints of the chain heads (libs/movement/checkpoints.ts): the movement
 * service signs the heads with an Ed25519 key the database never sees and appends the
 * statement here; verifyMovementLog checks every signature and that the chains still
 * pass through every head signed. `payload` is the exact text signed. Append-only for
 * the service (INSERT, SELECT) and refused by triggers to anyone else short of the owner.
 */
export class MovementCheckpoints1764300001302 implements MigrationInterface {
  name = 'MovementCheckpoints1764300001302';

  async up(q: QueryRunner): Promise<void> {
    const { movement: mov } = await migrationRoles(q);
    await q.query(`
      CREATE TABLE movement.checkpoints (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        taken_at timestamptz NOT NULL,
        payload text NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION movement.refuse_checkpoint_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'movement checkpoints are append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON movement.checkpoints
      FOR EACH ROW EXECUTE FUNCTION movement.refuse_checkpoint_change()`);
    await q.query(`
      CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON movement.checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION movement.refuse_checkpoint_change()`);
    // SELECT comes from the movement schema's default privileges.
    await q.query(`GRANT INSERT ON movement.checkpoints TO ${mov}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE movement.checkpoints`);
    await q.query(`DROP FUNCTION movement.refuse_checkpoint_change()`);
  }
}

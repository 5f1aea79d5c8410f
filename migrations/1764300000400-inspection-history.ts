import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who changed a person's closed-loop status, when and why (tests, releases, close-contact designations). */
export class InspectionHistory1764300000400 implements MigrationInterface {
  name = 'InspectionHistory1764300000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspection.closed_loop_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_id uuid NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        by text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX closed_loop_history_person_idx ON inspection.closed_loop_history (person_id, at DESC)`,
    );
    await q.query(
      `CREATE INDEX check_ins_conflict_idx ON inspection.check_ins (scanned_at DESC, id DESC) WHERE conflict`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inspection.check_ins_conflict_idx`);
    await q.query(`DROP TABLE inspection.closed_loop_history`);
  }
}

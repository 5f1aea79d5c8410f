import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * movement.stays is vacuumed after every 1 % of its rows changed or added, not 20 %.
 *
 * The contact trace reads the stays by index alone (their person index and place index
 * carry what it needs), which holds only for pages the visibility map marks all-visible.
 * Every appended batch ends some stay rows and begins others, which clears those pages'
 * bits until a vacuum sets them again; with PostgreSQL's defaults that waits for a fifth of
 * the table, a million rows at a Games. After 500,000 events appended to a log of ten
 * million, 45 % of the stays' pages had lost their bit and a week's contact totals cost
 * PostgreSQL 40.9 ms instead of 26.5 (ARCHITECTURE.md, "Speed, twelfth pass"). A vacuum
 * visits only the pages not all-visible, so vacuuming often costs about what the appends
 * dirtied.
 */
export class StaysVacuumedOften1764300003300 implements MigrationInterface {
  name = 'StaysVacuumedOften1764300003300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE movement.stays SET (autovacuum_vacuum_scale_factor = 0.01,
         autovacuum_vacuum_insert_scale_factor = 0.01)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE movement.stays RESET (autovacuum_vacuum_scale_factor,
         autovacuum_vacuum_insert_scale_factor)`,
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAppendOnlyRule, guardAppendOnly } from './append-only.js';

/** The tables that only ever grow, each with the triggers its first migration gave it. */
const GUARDED = [
  { table: 'movement.events', triggers: ['events_append_only', 'events_no_truncate'] },
  { table: 'movement.event_ids', triggers: ['event_ids_append_only'] },
  {
    table: 'movement.checkpoints',
    triggers: ['checkpoints_append_only', 'checkpoints_no_truncate'],
  },
  { table: 'audit.events', triggers: ['events_append_only', 'events_no_truncate'] },
  // Annulments were kept append-only by grants alone; the rule now holds for the owner too.
  { table: 'inspection.check_in_annulments', triggers: [] },
];

/** The functions the guarded tables used before, by the table they guarded. */
const FORMER_FUNCTIONS: Record<string, string> = {
  'movement.events': 'movement.refuse_change',
  'movement.event_ids': 'movement.refuse_change',
  'movement.checkpoints': 'movement.refuse_checkpoint_change',
  'audit.events': 'audit.refuse_change',
};

/**
 * One append-only rule instead of three copies (the movement log, its checkpoints and the
 * audit trail each had a function of their own, with their own wording): the guarded
 * tables now use public.refuse_change() through the same two triggers, and the movement
 * log's id table gains the TRUNCATE guard the others had, and the annulments of scans
 * join them.
 */
export class AppendOnly1764300002100 implements MigrationInterface {
  name = 'AppendOnly1764300002100';

  async up(q: QueryRunner): Promise<void> {
    await createAppendOnlyRule(q);
    for (const { table, triggers } of GUARDED) {
      for (const trigger of triggers) await q.query(`DROP TRIGGER ${trigger} ON ${table}`);
      await guardAppendOnly(q, table);
    }
    for (const fn of new Set(Object.values(FORMER_FUNCTIONS))) {
      await q.query(`DROP FUNCTION ${fn}()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of new Set(Object.values(FORMER_FUNCTIONS))) {
      await q.query(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END $$`);
    }
    for (const { table, triggers } of GUARDED) {
      const name = table.split('.').pop() ?? table;
      await q.query(`DROP TRIGGER ${name}_append_only ON ${table}`);
      await q.query(`DROP TRIGGER ${name}_no_truncate ON ${table}`);
      for (const trigger of triggers) {
        const truncate = trigger.endsWith('_no_truncate');
        await q.query(`
          CREATE TRIGGER ${trigger} BEFORE ${truncate ? 'TRUNCATE' : 'UPDATE OR DELETE'} ON ${table}
          FOR EACH ${truncate ? 'STATEMENT' : 'ROW'} EXECUTE FUNCTION ${FORMER_FUNCTIONS[table]}()`);
      }
    }
    await q.query(`DROP FUNCTION public.refuse_change()`);
  }
}

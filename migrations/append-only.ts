import type { QueryRunner } from 'typeorm';

/**
 * The one append-only rule of the database: rows of the tables it guards can be added,
 * never changed, deleted or truncated, whoever asks (the services' roles have no UPDATE or
 * DELETE on them either; this also stops the owner by mistake). A migration that adds
 * such a table calls `guardAppendOnly` after `createAppendOnlyRule` has run once.
 */
export async function createAppendOnlyRule(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE FUNCTION public.refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END $$`);
  // Only the database can call it, as a trigger; no role needs to.
  await q.query(`REVOKE ALL ON FUNCTION public.refuse_change() FROM PUBLIC`);
}

/**
 * Guards `schema.table` with the rule: a row trigger against UPDATE and DELETE (cloned
 * onto every partition, present and future, of a partitioned table) and a statement
 * trigger against TRUNCATE. The triggers are named after the table.
 */
export async function guardAppendOnly(q: QueryRunner, table: string): Promise<void> {
  const name = table.split('.').pop() ?? table;
  await q.query(`
    CREATE TRIGGER ${name}_append_only BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION public.refuse_change()`);
  await q.query(`
    CREATE TRIGGER ${name}_no_truncate BEFORE TRUNCATE ON ${table}
    FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change()`);
}

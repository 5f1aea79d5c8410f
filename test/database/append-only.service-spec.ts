import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { runMigrations } from '#libs/database/migrate.js';
import { createTestDatabase, type TestDatabase } from '#test/support/database.js';

/** The tables that only ever grow: the movement log, its checkpoints, annulments, the audit trail. */
const APPEND_ONLY = [
  'movement.events',
  'movement.event_ids',
  'movement.checkpoints',
  'inspection.check_in_annulments',
  'audit.events',
];

/**
 * Grants already keep the services from changing these tables; the one append-only rule
 * (public.refuse_change) keeps everyone else from it too: the owner that migrates, and
 * even the server's superuser outside replication.
 */
describe('the append-only rule', () => {
  let database: TestDatabase;
  let owner: pg.Client;
  let superuser: pg.Client;

  before(async () => {
    database = await createTestDatabase('append_only');
    await runMigrations(database.roles.owner);
    owner = new pg.Client({ connectionString: database.roles.owner });
    await owner.connect();
    superuser = new pg.Client({ connectionString: database.url });
    await superuser.connect();
  });

  after(async () => {
    await owner?.end();
    await superuser?.end();
    await database?.drop();
  });

  it('guards every table that only grows, and only those, with the same two triggers', async () => {
    const { rows } = await owner.query<{ table: string; trigger: string; fn: string }>(
      `SELECT t.tgrelid::regclass::text AS table, t.tgname AS trigger,
              t.tgfoid::regproc::text AS fn
         FROM pg_trigger t
        WHERE NOT t.tgisinternal AND t.tgparentid = 0
          AND t.tgfoid::regproc::text LIKE '%refuse%'
        ORDER BY 1, 2`,
    );
    const expected = APPEND_ONLY.flatMap((table) => {
      const name = table.split('.')[1];
      return [`${name}_append_only`, `${name}_no_truncate`].map((trigger) => ({
        table,
        trigger,
        fn: 'refuse_change',
      }));
    }).sort((a, b) => (a.table + a.trigger).localeCompare(b.table + b.trigger));
    assert.deepEqual(rows, expected);
  });

  for (const table of APPEND_ONLY) {
    it(`refuses UPDATE, DELETE and TRUNCATE on ${table}, even to the superuser`, async () => {
      const column = await anyColumn(table);
      await superuser.query('BEGIN');
      try {
        // On an empty table a row trigger never fires: give it a row it could change.
        await insertAnyRow(table);
        for (const statement of [
          `UPDATE ${table} SET ${column} = ${column}`,
          `DELETE FROM ${table}`,
          `TRUNCATE ${table}`,
        ]) {
          await superuser.query('SAVEPOINT attempt');
          await assert.rejects(superuser.query(statement), refusal(table), statement);
          await superuser.query('ROLLBACK TO SAVEPOINT attempt');
        }
      } finally {
        await superuser.query('ROLLBACK');
      }
    });

    it(`refuses TRUNCATE on ${table} to the owner that migrates`, async () => {
      await assert.rejects(owner.query(`TRUNCATE ${table}`), refusal(table));
    });
  }

  // A partitioned table's row trigger runs on the partition that holds the row.
  const refusal = (table: string) =>
    new RegExp(`${table.replace('.', '\\.')}(_\\d{4}_\\d{2}|_default)? is append-only`);

  async function anyColumn(table: string): Promise<string> {
    const { rows } = await owner.query<{ column: string }>(
      `SELECT attname AS column FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attidentity = ''
        ORDER BY attnum LIMIT 1`,
      [table],
    );
    return rows[0].column;
  }

  /**
   * Adds, inside the superuser's open transaction (rolled back after), a row made from the
   * columns' types: replication mode keeps foreign keys and the log's own triggers out of
   * the way while it is written, and its checks are dropped for the transaction.
   */
  async function insertAnyRow(table: string): Promise<void> {
    const { rows: checks } = await superuser.query<{ name: string }>(
      `SELECT conname AS name FROM pg_constraint
        WHERE conrelid = $1::regclass AND contype = 'c' AND coninhcount = 0`,
      [table],
    );
    for (const { name } of checks) {
      await superuser.query(`ALTER TABLE ${table} DROP CONSTRAINT "${name}"`);
    }
    await superuser.query(`SET LOCAL session_replication_role = replica`);
    const { rows } = await superuser.query<{ column: string; type: string }>(
      `SELECT attname AS column, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
          AND attgenerated = '' AND attidentity = '' AND NOT atthasdef ORDER BY attnum`,
      [table],
    );
    const value = (type: string): string => {
      if (type === 'uuid') return 'gen_random_uuid()';
      if (type.startsWith('timestamp')) return 'now()';
      if (type === 'bigint' || type === 'integer' || type === 'smallint') return '1';
      if (type === 'boolean') return 'true';
      if (type === 'jsonb' || type === 'json') return `'{}'`;
      if (type === 'bytea') return `'\\x00'`;
      if (type.endsWith('[]')) return `'{}'`;
      return `'x'`;
    };
    await superuser.query(
      `INSERT INTO ${table} (${rows.map((r) => `"${r.column}"`).join(', ')})
       VALUES (${rows.map((r) => `${value(r.type)}::${r.type}`).join(', ')})`,
    );
    await superuser.query(`SET LOCAL session_replication_role = origin`);
  }
});

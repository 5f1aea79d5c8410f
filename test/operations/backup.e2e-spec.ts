import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { backupDatabase, pgProgram, restoreDatabase } from '#libs/database/backup.js';
import { generateRolePasswords, OWNED_SCHEMAS } from '#libs/database/roles.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { createTestDatabase, testServerUrl, type TestDatabase } from '#test/support/database.js';
import { given } from '#test/support/given.js';

const execFileAsync = promisify(execFile);

/** Rows in every table of the system's schemas and schema_migrations, by table. */
async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
       WHERE (table_schema = ANY($1::text[]) OR (table_schema = 'public' AND table_name = 'schema_migrations'))
         AND table_type = 'BASE TABLE' ORDER BY 1`,
      [OWNED_SCHEMAS],
    );
    const result: Record<string, number> = {};
    for (const { name } of rows) {
      const [{ n }] = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`)).rows;
      result[name] = Number(n);
    }
    return result;
  } finally {
    await client.end();
  }
}

const VERIFY = '{ verifyMovementLog { valid eventsChecked checkpointsChecked } }';
type Verification = {
  verifyMovementLog: { valid: boolean; eventsChecked: number; checkpointsChecked: number };
};

/**
 * pg_dump refuses a server of a later major version: a machine without a client able to back
 * up the test server fails here, naming what to install (npm test installs Debian's
 * postgresql-client-15, the embedded server's major version).
 */
async function assertDumpToolFits(): Promise<void> {
  const server = new pg.Client({ connectionString: testServerUrl() });
  await server.connect();
  const [{ server_version_num: serverVersion }] = (
    await server.query<{ server_version_num: string }>('SHOW server_version_num')
  ).rows;
  await server.end();
  const serverMajor = Math.floor(Number(serverVersion) / 10_000);
  const dump = await execFileAsync(pgProgram('pg_dump'), ['--version']).catch(() => null);
  const dumpMajor = Number(/(\d+)\./.exec(dump?.stdout ?? '')?.[1] ?? 0);
  if (dumpMajor >= serverMajor) return;
  const why = dump
    ? `pg_dump ${dumpMajor} cannot back up PostgreSQL ${serverMajor}: set PG_BIN to a client of version ${serverMajor} or later`
    : `no pg_dump: install a PostgreSQL ${serverMajor} client or set PG_BIN`;
  throw new Error(why);
}

describe('backup and restore', () => {
  let dir: string;
  let target: TestDatabase | undefined;
  let restored: RunningSystem | undefined;
  before(async () => {
    await assertDumpToolFits();
    dir = await mkdtemp(path.join(os.tmpdir(), 'backup-'));
  });
  after(async () => {
    await restored?.stop();
    await target?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('restores a running system elsewhere with the same rows and a movement log that verifies', async () => {
    const source = await startSystem({ label: 'backup' });
    const file = path.join(dir, 'games.sql');
    let before: Record<string, number>;
    let verified: Verification;
    const secrets = {
      JWT_SECRET: source.env.JWT_SECRET,
      CARD_SIGNING_KEY: source.env.CARD_SIGNING_KEY,
      MOVEMENT_CHECKPOINT_KEY: source.env.MOVEMENT_CHECKPOINT_KEY,
    };
    let personId: string;
    try {
      const g = given(source);
      const organisation = await g.organisation();
      const person = await g.arrivedPerson(organisation.id, { venues: ['NST'], zones: ['1'] });
      personId = person.id;
      await g.person(organisation.id);
      const gate = await g.area();
      for (const direction of ['IN', 'OUT', 'IN']) {
        await source.admin.query(
          `mutation($input: CheckInInput!) { checkIn(input: $input) { decision } }`,
          {
            input: {
              id: randomUUID(),
              areaCode: gate.code,
              direction,
              cardNumber: person.cardNumber,
            },
          },
        );
      }
      verified = await source.admin.query<Verification>(VERIFY);
      assert.equal(verified.verifyMovementLog.valid, true);
      assert.ok(verified.verifyMovementLog.eventsChecked >= 4);

      await backupDatabase(source.databaseRoles.owner, file);
      before = await counts(source.databaseUrl);
    } finally {
      await source.stop();
    }
    assert.match(await readFile(file, 'utf8'), /^-- games-backup v1 source-database=e2e_backup_/);

    target = await createTestDatabase('restored');
    await restoreDatabase(target.url, file, generateRolePasswords());
    assert.deepEqual(await counts(target.url), before);
    const movementRows = Object.entries(before).filter(([t]) => t.startsWith('movement.'));
    assert.ok(
      movementRows.some(([, n]) => n >= 4),
      JSON.stringify(before),
    );

    restored = await startSystem({ label: 'restored', databaseUrl: target.url, env: secrets });
    const after = await restored.admin.query<Verification>(VERIFY);
    // The restored movement service may add a checkpoint of its own when it starts.
    assert.equal(after.verifyMovementLog.valid, true);
    assert.equal(after.verifyMovementLog.eventsChecked, verified.verifyMovementLog.eventsChecked);
    assert.ok(
      after.verifyMovementLog.checkpointsChecked >= verified.verifyMovementLog.checkpointsChecked,
    );
    const person = await restored.admin.query<{ person: { movements: { totalCount: number } } }>(
      `query($id: ID!) { person(id: $id) { movements { totalCount } } }`,
      { id: personId },
    );
    assert.equal(person.person.movements.totalCount, 4); // the arrival and three scans
    // The restored system takes new work under its own roles.
    const organisation = await given(restored).organisation();
    assert.ok(organisation.id);
  });

  it('refuses to restore into a database that is not empty', async () => {
    assert.ok(target, 'the first test restored a database');
    const file = path.join(dir, 'games.sql');
    await assert.rejects(restoreDatabase(target.url, file, generateRolePasswords()), /not empty/);
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { assertMigrated, runMigrations } from '#libs/database/migrate.js';
import { OWNED_SCHEMAS, SERVICE_NAMES, type ServiceName } from '#libs/database/roles.js';
import { createTestDatabase, type TestDatabase } from '#test/support/database.js';

/**
 * What each service's PostgreSQL role may not do, tried as that role; what it may do
 * is shown here for the published views and functions, and by every end-to-end test
 * (the services run as these roles there).
 */

const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
const DML = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

/** Each service's own schemas: the default its role gets on every table there. */
const OWN: Record<ServiceName, { schemas: string[]; tables: string[] }> = {
  accreditation: { schemas: ['identity', 'accreditation'], tables: DML },
  inspection: { schemas: ['inspection'], tables: DML },
  // The log is written by the owner's functions only.
  movement: { schemas: ['movement'], tables: ['SELECT'] },
};

/** Where a role gets other than its schema's default: the exceptions, one by one. */
const EXCEPTIONS: Record<string, Partial<Record<ServiceName, string[]>>> = {
  // Histories are appended to, never changed.
  'accreditation.accreditation_events': { accreditation: ['SELECT', 'INSERT'] },
  'inspection.closed_loop_history': { inspection: ['SELECT', 'INSERT'] },
  'inspection.check_in_annulments': { inspection: ['SELECT', 'INSERT'] },
  'movement.checkpoints': { movement: ['SELECT', 'INSERT'] },
  'audit.events': {
    accreditation: ['SELECT', 'INSERT'],
    inspection: ['INSERT'],
    movement: ['INSERT'],
  },
  'public.schema_migrations': {
    accreditation: ['SELECT'],
    inspection: ['SELECT'],
    movement: ['SELECT'],
  },
  // The published read sides: what another service may read, and who.
  'accreditation.person_organisations': { inspection: ['SELECT'], movement: ['SELECT'] },
  'accreditation.card_holders': { movement: ['SELECT'] },
  'accreditation.card_statuses': { inspection: ['SELECT'] },
  'accreditation.card_verification_keys': { inspection: ['SELECT'] },
  'accreditation.venue_zones': { inspection: ['SELECT'] },
  'inspection.closed_loop_statuses': { accreditation: ['SELECT'] },
  'movement.movements': { inspection: ['SELECT'] },
  'movement.presence': { inspection: ['SELECT'] },
  'movement.stays': { inspection: ['SELECT'] },
  'movement.stay_span_classes': { inspection: ['SELECT'] },
};

function expectedPrivileges(service: ServiceName, schema: string, table: string): string[] {
  const exception = EXCEPTIONS[`${schema}.${table}`];
  if (exception)
    return exception[service] ?? (OWN[service].schemas.includes(schema) ? OWN[service].tables : []);
  return OWN[service].schemas.includes(schema) ? OWN[service].tables : [];
}

/** Functions another role may call, and who (EXECUTE is granted to nobody else). */
const FUNCTIONS: Record<string, ServiceName[]> = {
  'identity.find_api_key(text)': ['accreditation', 'inspection', 'movement'],
  'identity.user_email(uuid)': ['inspection', 'movement'],
  'identity.session_of(uuid)': ['accreditation', 'inspection', 'movement'],
  'accreditation.find_card(text,boolean)': ['inspection'],
  'accreditation.activate_on_arrival(uuid,text)': ['inspection'],
  'accreditation.accreditation_created_at(uuid)': ['inspection'],
  'accreditation.merge_search_pending_lists()': ['accreditation'],
  'movement.append_events(uuid[],uuid[],text[],text[],timestamp with time zone[],text[])': [
    'inspection',
    'movement',
  ],
  'movement.ensure_partitions(timestamp with time zone)': ['movement'],
  'movement.contact_totals_hashed(text,uuid,timestamp with time zone,timestamp with time zone,integer,integer)':
    ['inspection', 'movement'],
  'movement.contact_encounters_hashed(text,uuid,timestamp with time zone,timestamp with time zone,integer,integer)':
    ['inspection', 'movement'],
  'inspection.check_in(uuid[],text[],text[],text[],text[],integer[],uuid[],timestamp with time zone[],text[],text[],text[])':
    ['inspection'],
  'inspection.gate_reasons(text,text,integer,boolean,text,integer,timestamp with time zone,timestamp with time zone,text[],text[],text,text,boolean,text,timestamp with time zone,text,timestamp with time zone)':
    ['inspection'],
};

async function refused(client: pg.Client, sql: string, parameters: unknown[] = []): Promise<void> {
  await client.query('SAVEPOINT attempt');
  try {
    await client.query(sql, parameters);
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT attempt');
    assert.equal((error as { code?: string }).code, '42501', `${sql}: ${String(error)}`);
    return;
  }
  assert.fail(`${sql} was allowed`);
}

void describe('the services’ database roles', () => {
  let database: TestDatabase;
  let admin: pg.Client;
  const as = {} as Record<ServiceName, pg.Client>;
  let personId: string;
  let cardNumber: string;
  let partition: string;

  before(async () => {
    database = await createTestDatabase('db_privileges');
    await runMigrations(database.roles.owner);
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    for (const service of SERVICE_NAMES) {
      as[service] = new pg.Client({ connectionString: database.roles[service] });
      await as[service].connect();
      // Every attempt runs in a transaction rolled back at the end: nothing leaks between tests.
      await as[service].query('BEGIN');
    }
    const [org] = (
      await admin.query<{ id: string }>(
        `INSERT INTO accreditation.organisations (code, name, type) VALUES ('PRIV', 'Privileges', 'NOC') RETURNING id`,
      )
    ).rows;
    cardNumber = '10000018';
    const [person] = (
      await admin.query<{ id: string }>(
        `WITH p AS (
           INSERT INTO accreditation.people
             (organisation_id, given_name, family_name, date_of_birth, nationality, function, document_number)
           VALUES ($1, 'Ada', 'Lovelace', '1990-01-01', 'GBR', 'Athlete', 'P123') RETURNING id)
         INSERT INTO accreditation.accreditations
           (person_id, card_number, category, status, valid_from, valid_until, venues, zones)
         SELECT p.id, $2, 'Aa', 'APPROVED', now() - interval '1 day', now() + interval '9 days', '{*}', '{*}'
         FROM p RETURNING person_id AS id`,
        [org.id, cardNumber],
      )
    ).rows;
    personId = person.id;
    // One event in the log, appended the only way there is.
    await admin.query(
      `SELECT * FROM movement.append_events($1::uuid[], $2::uuid[], '{GATE-1}', '{ENTRY}', ARRAY[now()], '{test}')`,
      [[randomUUID()], [personId]],
    );
    partition = (
      await admin.query<{ name: string }>(
        `SELECT inhrelid::regclass::text AS name FROM pg_inherits
         WHERE inhparent = 'movement.events'::regclass ORDER BY 1 DESC LIMIT 1`,
      )
    ).rows[0].name;
  });

  after(async () => {
    for (const client of Object.values(as)) await client.end();
    await admin?.end();
    await database?.drop();
  });

  void it('is no superuser, owns nothing and may create nothing, not even a temporary table', async () => {
    for (const service of SERVICE_NAMES) {
      const client = as[service];
      const [me] = (
        await client.query<Record<string, boolean | string>>(
          `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
                  has_database_privilege(current_database(), 'CREATE') AS create_in_database,
                  has_database_privilege(current_database(), 'TEMPORARY') AS temporary,
                  (SELECT count(*) FROM pg_class WHERE relowner = r.oid)
                  + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)
                  + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) AS owned
           FROM pg_roles r WHERE r.rolname = current_user`,
        )
      ).rows;
      assert.deepEqual(
        me,
        {
          rolsuper: false,
          rolcreaterole: false,
          rolcreatedb: false,
          rolreplication: false,
          rolbypassrls: false,
          create_in_database: false,
          temporary: false,
          owned: '0',
        },
        service,
      );
      for (const schema of [...OWNED_SCHEMAS, 'public']) {
        await refused(client, `CREATE TABLE ${schema}.intruder (id int)`);
        await refused(client, `CREATE VIEW ${schema}.intruder AS SELECT 1 AS one`);
        await refused(
          client,
          `CREATE FUNCTION ${schema}.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
        );
      }
      await refused(client, `CREATE TEMPORARY TABLE intruder (id int)`);
      await refused(client, `CREATE SCHEMA intruder`);
    }
  });

  void it('may not update, delete or truncate the movement log or the audit trail, nor write the log itself', async () => {
    for (const service of SERVICE_NAMES) {
      const client = as[service];
      for (const table of ['movement.events', partition, 'movement.events_default']) {
        await refused(client, `UPDATE ${table} SET location = 'FORGED'`);
        await refused(client, `DELETE FROM ${table}`);
        await refused(client, `TRUNCATE ${table}`);
        // A row with a hash of one's choosing: only the owner's append function writes the log.
        await refused(
          client,
          `INSERT INTO ${table} (id, chain, seq, person_id, location, kind, occurred_at, recorded_at, source, prev_hash, hash)
           VALUES (gen_random_uuid(), 0, 999, gen_random_uuid(), 'X', 'ENTRY', now(), now(), 'forged', 'x', 'x')`,
        );
      }
      for (const [table, change] of Object.entries({
        'movement.event_ids': 'occurred_at = now()',
        'movement.chains': 'head_seq = 0',
        'movement.latest': "location = 'FORGED'",
        'movement.checkpoints': "payload = '{}'",
        'audit.events': "actor = 'someone else'",
      })) {
        await refused(client, `UPDATE ${table} SET ${change}`);
        await refused(client, `DELETE FROM ${table}`);
        await refused(client, `TRUNCATE ${table}`);
      }
    }
  });

  void it('may not get past the triggers: no replica mode, no disabled trigger, no detached partition, no dropping', async () => {
    for (const service of SERVICE_NAMES) {
      const client = as[service];
      await refused(client, `SET session_replication_role = replica`);
      await refused(client, `SET LOCAL session_replication_role = replica`);
      await refused(client, `ALTER TABLE movement.events DISABLE TRIGGER events_append_only`);
      await refused(client, `ALTER TABLE movement.events DISABLE TRIGGER ALL`);
      await refused(client, `ALTER TABLE audit.events DISABLE TRIGGER ALL`);
      await refused(client, `ALTER TABLE movement.events DETACH PARTITION ${partition}`);
      await refused(client, `ALTER TABLE movement.events DETACH PARTITION movement.events_default`);
      await refused(client, `DROP TABLE ${partition}`);
      await refused(client, `DROP TRIGGER events_append_only ON movement.events`);
      await refused(client, `DROP SCHEMA audit CASCADE`);
      await refused(client, `DROP FUNCTION public.refuse_change() CASCADE`);
      await refused(
        client,
        `CREATE OR REPLACE FUNCTION public.refuse_change() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'`,
      );
      await refused(
        client,
        `ALTER FUNCTION movement.append_events(uuid[], uuid[], text[], text[], timestamptz[], text[]) SECURITY INVOKER`,
      );
    }
  });

  void it("may not read or write another service's tables", async () => {
    const { accreditation, inspection, movement } = as;
    await refused(inspection, `SELECT * FROM accreditation.people`);
    await refused(inspection, `SELECT * FROM accreditation.accreditations`);
    await refused(inspection, `SELECT * FROM identity.api_keys`);
    await refused(inspection, `SELECT * FROM movement.events`);
    await refused(inspection, `SELECT * FROM movement.checkpoints`);
    await refused(inspection, `UPDATE accreditation.accreditations SET status = 'ACTIVE'`);
    await refused(
      inspection,
      `INSERT INTO accreditation.accreditation_events (accreditation_id, status) VALUES (gen_random_uuid(), 'ACTIVE')`,
    );
    await refused(movement, `SELECT * FROM accreditation.people`);
    await refused(movement, `SELECT email FROM identity.users`);
    await refused(inspection, `SELECT disabled_at, session_epoch FROM identity.users`);
    await refused(movement, `UPDATE identity.users SET disabled_at = NULL`);
    await refused(movement, `SELECT * FROM inspection.closed_loop`);
    await refused(movement, `UPDATE inspection.closed_loop SET status = 'IN_LOOP'`);
    await refused(accreditation, `SELECT * FROM inspection.closed_loop`);
    await refused(accreditation, `SELECT * FROM inspection.test_results`);
    await refused(accreditation, `SELECT * FROM movement.events`);
    await refused(accreditation, `SELECT * FROM movement.movements`);
    await refused(
      accreditation,
      `INSERT INTO inspection.closed_loop (person_id, status) VALUES (gen_random_uuid(), 'ISOLATED')`,
    );
    // Functions published to another service only.
    await refused(
      accreditation,
      `SELECT * FROM movement.append_events('{}', '{}', '{}', '{}', '{}', '{}')`,
    );
    await refused(movement, `SELECT * FROM accreditation.find_card('1', true)`);
    await refused(movement, `SELECT accreditation.activate_on_arrival(gen_random_uuid(), 'x')`);
    await refused(inspection, `SELECT movement.ensure_partitions(now())`);
    // The contact trace's runners run their statement with their caller's rights only: the
    // inspection service may not read the log's events, the accreditation service not run them.
    for (const [runner, fromEvents, alone] of [
      ['contact_totals_hashed', 'person_id, 1', 'NULL::uuid, 1'],
      [
        'contact_encounters_hashed',
        'person_id, 1, location, occurred_at, occurred_at, 0',
        'NULL::uuid, 1, NULL, NULL::timestamptz, NULL::timestamptz, 0',
      ],
    ]) {
      const call = (statement: string) =>
        `SELECT * FROM movement.${runner}('${statement}', NULL, NULL, NULL, NULL, NULL)`;
      await refused(inspection, call(`SELECT ${fromEvents} FROM movement.events`));
      await refused(accreditation, call(`SELECT ${alone}`));
    }
    // Annulments are added, never changed or taken back.
    await refused(inspection, `UPDATE inspection.check_in_annulments SET reason = 'rewritten'`);
    await refused(inspection, `DELETE FROM inspection.check_in_annulments`);
  });

  void it('holds exactly the documented privileges on every table, view and sequence', async () => {
    const relations = (
      await admin.query<{ schema: string; name: string; kind: string }>(
        `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE (n.nspname = ANY($1::text[]) OR (n.nspname = 'public' AND c.relname = 'schema_migrations'))
           AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
         ORDER BY 1, 2`,
        [OWNED_SCHEMAS],
      )
    ).rows;
    assert.ok(relations.length > 30, `only ${relations.length} relations`);
    const mismatches: string[] = [];
    for (const service of SERVICE_NAMES) {
      const role = `${(await admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db}_${service}`;
      for (const { schema, name, kind } of relations) {
        const qualified = `${schema}.${name}`;
        let held: string[];
        let expected: string[];
        if (kind === 'S') {
          const rows = await admin.query<Record<string, boolean>>(
            `SELECT has_sequence_privilege($1, $2, 'USAGE') AS "USAGE",
                    has_sequence_privilege($1, $2, 'SELECT') AS "SELECT",
                    has_sequence_privilege($1, $2, 'UPDATE') AS "UPDATE"`,
            [role, `"${schema}"."${name}"`],
          );
          held = Object.entries(rows.rows[0])
            .filter(([, has]) => has)
            .map(([p]) => p);
          const own = OWN[service].schemas.includes(schema) && service !== 'movement';
          expected = own
            ? ['USAGE', 'SELECT']
            : qualified === 'audit.events_id_seq'
              ? ['USAGE']
              : [];
        } else {
          const rows = await admin.query<Record<string, boolean>>(
            `SELECT ${PRIVILEGES.map((p) => `has_table_privilege($1, $2, '${p}') AS "${p}"`).join(', ')}`,
            [role, `"${schema}"."${name}"`],
          );
          held = Object.entries(rows.rows[0])
            .filter(([, has]) => has)
            .map(([p]) => p);
          expected = expectedPrivileges(service, schema, name);
        }
        if (held.join() !== expected.join()) {
          mismatches.push(
            `${service} on ${qualified}: holds [${held.join()}], expected [${expected.join()}]`,
          );
        }
      }
    }
    assert.deepEqual(mismatches, []);
  });

  void it('calls only the functions granted to it; those run as the owner with a fixed search_path', async () => {
    const functions = (
      await admin.query<{
        signature: string;
        definer: boolean;
        config: string[] | null;
        public: boolean;
      }>(
        `SELECT p.oid::regprocedure::text AS signature, p.prosecdef AS definer, p.proconfig AS config,
                has_function_privilege('public', p.oid, 'EXECUTE') AS public
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = ANY($1::text[])`,
        [OWNED_SCHEMAS],
      )
    ).rows;
    const [{ db }] = (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows;
    const problems: string[] = [];
    for (const f of functions) {
      if (f.public) problems.push(`${f.signature}: executable by PUBLIC`);
      if (f.definer && !(f.config ?? []).includes('search_path=pg_catalog, pg_temp')) {
        problems.push(`${f.signature}: SECURITY DEFINER without a fixed search_path`);
      }
      for (const service of SERVICE_NAMES) {
        const [{ may }] = (
          await admin.query<{ may: boolean }>(
            `SELECT has_function_privilege($1, $2::regprocedure, 'EXECUTE') AS may`,
            [`${db}_${service}`, f.signature],
          )
        ).rows;
        const granted = (FUNCTIONS[f.signature.replaceAll(', ', ',')] ?? []).includes(service);
        if (may !== granted)
          problems.push(`${service} ${may ? 'may' : 'may not'} call ${f.signature}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  void it('does its job through the published views and functions', async () => {
    const { accreditation, inspection, movement } = as;
    // Inspection: the card (locked), the arrival's activation, the append, the log's views.
    const card = await inspection.query<{ person_id: string; accreditation_id: string }>(
      `SELECT * FROM accreditation.find_card($1, true)`,
      [cardNumber],
    );
    assert.equal(card.rows[0].person_id, personId);
    const activated = await inspection.query<{ found: string }>(
      `SELECT accreditation.activate_on_arrival($1, 'arrival:TEST') AS found`,
      [card.rows[0].accreditation_id],
    );
    assert.equal(activated.rows[0].found, 'APPROVED');
    const appended = await inspection.query(
      `SELECT * FROM movement.append_events($1::uuid[], $2::uuid[], '{GATE-2}', '{ENTRY}', ARRAY[clock_timestamp()], '{check-in}')`,
      [[randomUUID()], [personId]],
    );
    assert.equal(appended.rowCount, 1);
    const inside = await inspection.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM movement.presence WHERE location = 'GATE-2'`,
    );
    assert.equal(inside.rows[0].n, 1);
    await inspection.query(`SELECT * FROM movement.movements WHERE person_id = $1`, [personId]);
    await inspection.query(`SELECT * FROM accreditation.card_verification_keys`);
    await inspection.query(`SELECT * FROM accreditation.venue_zones WHERE venue_code = 'NST'`);
    await inspection.query(`SELECT identity.user_email(gen_random_uuid())`);
    const states = await inspection.query<{ status: string }>(
      `SELECT status FROM accreditation.card_statuses WHERE card_number = $1`,
      [cardNumber],
    );
    assert.equal(states.rows[0].status, 'ACTIVE');
    await inspection.query(
      `INSERT INTO audit.events (action, outcome, service) VALUES ('test', 'ok', 'inspection')`,
    );
    // Movement: people and cards, an email, the append, a checkpoint.
    const holders = await movement.query<{ person_id: string }>(
      `SELECT person_id FROM accreditation.card_holders WHERE card_number = $1`,
      [cardNumber],
    );
    assert.equal(holders.rows[0].person_id, personId);
    await movement.query(`SELECT identity.user_email(gen_random_uuid())`);
    // Every service judges each request's session by the user's current state.
    for (const service of SERVICE_NAMES) {
      await as[service].query(`SELECT * FROM identity.session_of(gen_random_uuid())`);
    }
    await movement.query(
      `INSERT INTO movement.checkpoints (taken_at, payload, key_id, signature) VALUES (now(), '{}', 'k', 's')`,
    );
    await movement.query(`SELECT movement.ensure_partitions(now() + interval '2 months')`);
    // Accreditation: the closed loop's statuses, the audit trail, its own schemas.
    await accreditation.query(`SELECT * FROM inspection.closed_loop_statuses`);
    await accreditation.query(`SELECT * FROM audit.events`);
    await accreditation.query(`UPDATE accreditation.people SET function = 'Coach' WHERE id = $1`, [
      personId,
    ]);
    await accreditation.query(`SELECT accreditation.merge_search_pending_lists()`);
  });

  void it('lets only the owner migrate, and a service start only on a migrated database', async () => {
    await assert.rejects(runMigrations(database.url), /migrations run as the owner role/);
    await assert.rejects(
      runMigrations(database.roles.inspection),
      /migrations run as the owner role/,
    );
    await assertMigrated(database.roles.inspection);
    const fresh = await createTestDatabase('db_privileges_fresh');
    try {
      await assert.rejects(
        assertMigrated(fresh.roles.movement),
        /the database lacks \d+ migration/,
      );
    } finally {
      await fresh.drop();
    }
  });

  void it('gives a table added later to a service schema the documented default', async () => {
    const owner = new pg.Client({ connectionString: database.roles.owner });
    await owner.connect();
    try {
      for (const schema of ['identity', 'inspection', 'movement', 'audit']) {
        await owner.query(`CREATE TABLE ${schema}.later (id bigserial PRIMARY KEY)`);
      }
      const [{ db }] = (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows;
      for (const service of SERVICE_NAMES) {
        for (const schema of ['identity', 'inspection', 'movement', 'audit']) {
          const rows = await admin.query<Record<string, boolean>>(
            `SELECT ${PRIVILEGES.map((p) => `has_table_privilege($1, $2, '${p}') AS "${p}"`).join(', ')}`,
            [`${db}_${service}`, `${schema}.later`],
          );
          const held = Object.entries(rows.rows[0])
            .filter(([, has]) => has)
            .map(([p]) => p);
          assert.deepEqual(
            held,
            expectedPrivileges(service, schema, 'later'),
            `${service} on ${schema}.later`,
          );
        }
      }
    } finally {
      for (const schema of ['identity', 'inspection', 'movement', 'audit']) {
        await owner.query(`DROP TABLE IF EXISTS ${schema}.later`);
      }
      await owner.end();
    }
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { RoleKey } from '#libs/database/roles.js';
import { runMigrations } from '#libs/database/migrate.js';
import { keysetCondition, keysetOrder, microsOf, type Keyset } from '#libs/graphql/keyset.js';
import * as accreditation from '#libs/sql/accreditation.sql.js';
import * as accreditationLists from '#libs/sql/accreditation-lists.sql.js';
import * as audit from '#libs/sql/audit.sql.js';
import * as identity from '#libs/sql/identity.sql.js';
import * as inspection from '#libs/sql/inspection.sql.js';
import * as movement from '#libs/sql/movement.sql.js';
import { createTestDatabase, type TestDatabase } from '#test/support/database.js';

/**
 * Each schema's statements live in one module of libs/sql (the DDL in migrations/). Here
 * every statement of every module is prepared on a freshly migrated database, as the role
 * that runs it: PostgreSQL parses and plans it, inferring the parameters' types as it does
 * for the services' own unnamed statements, so a column renamed or dropped by a migration,
 * a misspelt table or a type mismatch fails here rather than on a request. The builders of
 * the dynamic statements are called with arguments that take each of their branches.
 */

/** Representative keyset fragments, as libs/graphql/keyset.ts builds them. */
function page(keyset: Keyset, key: (string | null)[], bind: (value: unknown) => string) {
  return { keyset: keysetCondition(keyset, key, bind), order: keysetOrder(keyset), limit: 51 };
}

/** A placeholder factory numbering from `from`, for a builder's sample call. */
function placeholders(from = 1) {
  let n = from - 1;
  return () => `$${++n}`;
}

const PEOPLE_ORDER: Keyset = {
  columns: [
    { sql: 'p.family_name', kind: 'text' },
    { sql: 'p.given_name', kind: 'text' },
    { sql: 'p.id', kind: 'uuid' },
  ],
};
const USERS_ORDER: Keyset = {
  columns: [
    { sql: 'lower(u.email)', kind: 'text' },
    { sql: 'u.id', kind: 'uuid' },
  ],
};
const AUDIT_ORDER: Keyset = { columns: [{ sql: 'id', kind: 'bigint' }], descending: true };
const CHECK_INS_ORDER: Keyset = {
  columns: [
    { sql: 'scanned_at', kind: 'micros' },
    { sql: 'id', kind: 'uuid' },
  ],
  descending: true,
};
const EVENTS_ORDER: Keyset = {
  columns: [
    { sql: 'e.occurred_at', kind: 'micros' },
    { sql: 'e.id', kind: 'uuid' },
  ],
};
const PRESENCE_ORDER: Keyset = {
  columns: [
    { sql: 'l.since', kind: 'micros' },
    { sql: 'l.person_id', kind: 'uuid' },
  ],
};
const TESTS_DUE_ORDER: Keyset = {
  columns: [
    { sql: 'cl.test_due_by', kind: 'micros' },
    { sql: 'p.id', kind: 'uuid' },
  ],
};

interface SqlModule {
  /** The module's file, for messages. */
  name: string;
  exports: Record<string, unknown>;
  /** The roles that run its statements. */
  roles: RoleKey[];
  /** Each exported builder, called with representative arguments: the statements it makes. */
  builders: Record<string, () => string[]>;
}

const MODULES: SqlModule[] = [
  {
    name: 'accreditation.sql.ts',
    exports: accreditation,
    roles: ['accreditation'],
    builders: {
      personScopeCondition: () => [
        `SELECT id FROM accreditation.people p WHERE ${accreditation.personScopeCondition('p.id', '$1::uuid')}`,
      ],
      correction: () => [
        accreditation.correction('people', [...accreditation.EDITABLE_COLUMNS.people]),
        accreditation.correction('accreditations', [
          ...accreditation.EDITABLE_COLUMNS.accreditations,
        ]),
      ],
    },
  },
  {
    name: 'accreditation-lists.sql.ts',
    exports: accreditationLists,
    roles: ['accreditation'],
    builders: {
      peopleSearchCondition: () =>
        [true, false].map(
          (withDocumentNumbers) =>
            `SELECT p.id FROM accreditation.people p
             WHERE ${accreditationLists.peopleSearchCondition('$1', withDocumentNumbers)}`,
        ),
      peopleListConditions: () => [], // prepared through peopleList below
      peopleList: () => {
        const everything = placeholders();
        const conditions = accreditationLists.peopleListConditions({
          organisationIds: [everything(), everything()],
          status: everything(),
          closedLoopStatuses: everything(),
          search: { pattern: everything(), withDocumentNumbers: true },
        });
        const all = accreditationLists.peopleList(
          conditions,
          inspection.closedLoopStatusJoin('cl', 'p.id'),
          page(PEOPLE_ORDER, ['a', 'b', randomUUID()], everything),
        );
        const none = accreditationLists.peopleList(
          [],
          inspection.closedLoopStatusJoin('cl', 'p.id'),
          {
            keyset: null,
            order: keysetOrder(PEOPLE_ORDER),
            limit: 51,
          },
        );
        const keysetOnly = accreditationLists.peopleList(
          [],
          inspection.closedLoopStatusJoin('cl', 'p.id'),
          page(PEOPLE_ORDER, ['a', 'b', randomUUID()], placeholders()),
        );
        return [all.rows, all.count, none.rows, none.count, keysetOnly.rows];
      },
      testsDue: () => {
        const bind = placeholders(2);
        const scoped = accreditationLists.testsDue(
          inspection.CLOSED_LOOP_STATUS_VIEW,
          [bind(), bind()],
          microsOf('cl.test_due_by'),
          page(TESTS_DUE_ORDER, ['1764300000000000', randomUUID()], bind),
        );
        const unscoped = accreditationLists.testsDue(
          inspection.CLOSED_LOOP_STATUS_VIEW,
          [],
          microsOf('cl.test_due_by'),
          {
            keyset: null,
            order: keysetOrder(TESTS_DUE_ORDER),
            limit: 51,
          },
        );
        return [scoped.rows, scoped.count, unscoped.rows, unscoped.count];
      },
    },
  },
  {
    name: 'identity.sql.ts',
    exports: identity,
    roles: ['accreditation'],
    builders: {
      usersPage: () => {
        const bind = placeholders(2);
        return [
          identity.usersPage(
            keysetCondition(USERS_ORDER, ['a@example.org', randomUUID()], bind),
            keysetOrder(USERS_ORDER),
          ),
          identity.usersPage(null, keysetOrder(USERS_ORDER)),
        ];
      },
    },
  },
  {
    name: 'inspection.sql.ts',
    exports: inspection,
    roles: ['inspection'],
    builders: {
      closedLoopStatusJoin: () => [
        `SELECT p.id, cl.status FROM accreditation.people p
         ${inspection.closedLoopStatusJoin('cl', 'p.id')}`,
      ],
      checkInsConditions: () => [], // prepared through checkInsPage below
      checkInsPage: () => {
        const bind = placeholders();
        const conditions = inspection.checkInsConditions({
          areaCode: bind(),
          personId: bind(),
          scope: accreditation.personScopeCondition('person_id', bind()),
          decision: bind(),
          conflict: bind(),
          from: bind(),
          to: bind(),
        });
        const filtered = inspection.checkInsPage(conditions, microsOf('scanned_at'), {
          ...page(CHECK_INS_ORDER, ['1764300000000000', randomUUID()], bind),
          limit: bind(),
        });
        const all = inspection.checkInsPage([], microsOf('scanned_at'), {
          keyset: null,
          order: keysetOrder(CHECK_INS_ORDER),
          limit: 51,
        });
        const keysetOnly = inspection.checkInsPage(
          [],
          microsOf('scanned_at'),
          page(CHECK_INS_ORDER, ['1764300000000000', randomUUID()], placeholders()),
        );
        return [filtered.rows, filtered.count, all.rows, all.count, keysetOnly.rows];
      },
    },
  },
  {
    name: 'movement.sql.ts',
    exports: movement,
    roles: ['movement'],
    builders: {
      presencePage: () => [
        movement.presencePage(
          microsOf('l.since'),
          keysetCondition(PRESENCE_ORDER, ['1764300000000000', randomUUID()], placeholders(4)),
          keysetOrder(PRESENCE_ORDER),
        ),
        movement.presencePage(microsOf('l.since'), null, keysetOrder(PRESENCE_ORDER)),
      ],
      eventsConditions: () => [], // prepared through eventsPage below
      eventsPage: () => {
        const bind = placeholders();
        const conditions = movement.eventsConditions({
          personId: bind(),
          location: bind(),
          from: bind(),
          to: bind(),
          scope: accreditation.personScopeCondition('e.person_id', `${bind()}::uuid`),
        });
        const filtered = movement.eventsPage(conditions, microsOf('e.occurred_at'), {
          keyset: keysetCondition(EVENTS_ORDER, ['1764300000000000', randomUUID()], bind),
          order: keysetOrder(EVENTS_ORDER),
          limit: bind(),
        });
        const all = movement.eventsPage([], microsOf('e.occurred_at'), {
          keyset: null,
          order: keysetOrder(EVENTS_ORDER),
          limit: 51,
        });
        const keysetOnly = movement.eventsPage(
          [],
          microsOf('e.occurred_at'),
          page(EVENTS_ORDER, ['1764300000000000', randomUUID()], placeholders()),
        );
        return [filtered.rows, filtered.count, all.rows, all.count, keysetOnly.rows];
      },
    },
  },
  {
    // The published side, as the inspection service runs it inside its own transactions.
    name: 'movement.sql.ts (published)',
    exports: { MovementSql: { published: movement.MovementSql.published } },
    roles: ['inspection'],
    builders: {},
  },
  {
    name: 'audit.sql.ts',
    exports: audit,
    // Every service appends to the trail; the accreditation service also reads it.
    roles: ['accreditation', 'inspection', 'movement'],
    builders: {
      auditTrailConditions: () => [], // prepared through auditTrail below
      auditTrail: () => {
        const bind = placeholders();
        const conditions = audit.auditTrailConditions({
          personId: bind(),
          from: bind(),
          to: bind(),
          actor: bind(),
        });
        const filtered = audit.auditTrail(conditions, page(AUDIT_ORDER, ['42'], bind));
        const all = audit.auditTrail([], {
          keyset: null,
          order: keysetOrder(AUDIT_ORDER),
          limit: 51,
        });
        const keysetOnly = audit.auditTrail([], page(AUDIT_ORDER, ['42'], placeholders()));
        return [filtered.rows, filtered.count, all.rows, all.count, keysetOnly.rows];
      },
    },
  },
];

/** Every string in a module's statement objects (`…Sql`), named by its path. */
function statementsOf(module: SqlModule): [string, string][] {
  const found: [string, string][] = [];
  const walk = (path: string, value: unknown) => {
    if (typeof value === 'string') found.push([path, value]);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(`${path}.${key}`, inner);
    }
  };
  for (const [name, value] of Object.entries(module.exports)) {
    if (name.endsWith('Sql')) walk(name, value);
  }
  return found;
}

/** What PREPARE takes; anything else (LOCK …) is run in a transaction rolled back. */
const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES)\b/i;

/** The problem PostgreSQL finds in the statement, or null. */
async function problemOf(client: pg.Client, sql: string): Promise<string | null> {
  try {
    if (PREPARABLE.test(sql)) {
      await client.query(`PREPARE sql_module_check AS ${sql}`);
      await client.query('DEALLOCATE sql_module_check');
    } else {
      await client.query('BEGIN');
      try {
        await client.query(sql);
      } finally {
        await client.query('ROLLBACK');
      }
    }
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the statements of libs/sql and the migrated schemas', () => {
  let database: TestDatabase;
  const clients = new Map<RoleKey, pg.Client>();

  before(async () => {
    database = await createTestDatabase('sql_modules');
    await runMigrations(database.roles.owner);
    for (const role of new Set(MODULES.flatMap((m) => m.roles))) {
      const client = new pg.Client({ connectionString: database.roles[role] });
      await client.connect();
      clients.set(role, client);
    }
  });

  after(async () => {
    for (const client of clients.values()) await client.end();
    await database?.drop();
  });

  for (const module of MODULES) {
    it(`${module.name}: every builder has sample calls here`, () => {
      const builders = Object.entries(module.exports)
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => name)
        .sort();
      assert.deepEqual(builders, Object.keys(module.builders).sort());
    });

    for (const role of module.roles) {
      it(`${module.name}: every statement prepares as the ${role} role`, async () => {
        const statements = [
          ...statementsOf(module),
          ...Object.entries(module.builders).flatMap(([name, calls]) =>
            calls().map((sql, i): [string, string] => [`${name}() #${i + 1}`, sql]),
          ),
        ];
        assert.ok(statements.length > 0, 'the module holds statements');
        const problems: string[] = [];
        for (const [name, sql] of statements) {
          const problem = await problemOf(clients.get(role)!, sql);
          if (problem) problems.push(`${name}: ${problem}`);
        }
        assert.deepEqual(problems, []);
      });
    }
  }
});

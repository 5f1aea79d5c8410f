import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import { connect, importPeople } from '#test/accreditation/support.js';

describe('accreditation reads without N+1', () => {
  let system: RunningSystem;
  let db: pg.Client;
  before(async () => {
    system = await startSystem({ label: 'accreditation_n_plus_one' });
    db = await connect(system.databaseUrl);
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  it('reads 500 people with organisation and accreditation in as many SQL statements as 5 (no N+1)', async (t) => {
    const organisation = await given(system).organisation();
    await importPeople(system, organisation.id, 500, 'NPLUS');
    await db.query('ANALYZE');
    const query = `query($id: ID!, $first: Int) { people(filter: { organisationId: $id }, first: $first) {
      totalCount nodes { id familyName documentNumber organisation { code name }
        accreditation { cardNumber status history { status by } } } } }`;
    // Each statement outside a transaction is one transaction: count the database's
    // commits around each query. A backend reports its counts when it goes idle, at
    // most once a second, else within 10 s: hence the waits. Each reading of the
    // counter is one transaction, counted in the interval after it.
    const commits = async () => {
      await sleep(11_000);
      const r = await db.query<{ n: number }>(
        'SELECT (xact_commit + xact_rollback)::int AS n FROM pg_stat_database WHERE datname = current_database()',
      );
      return r.rows[0].n;
    };
    const read = async (first: number) => {
      const result = await system.admin.query<{ people: { nodes: unknown[] } }>(query, {
        id: organisation.id,
        first,
      });
      assert.equal(result.people.nodes.length, first);
    };
    const c0 = await commits();
    const c1 = await commits(); // nothing asked: what the services do on their own meanwhile
    await read(5);
    const c2 = await commits();
    await read(500);
    const c3 = await commits();
    const idle = c1 - c0 - 1;
    const few = c2 - c1 - 1;
    const many = c3 - c2 - 1;
    t.diagnostic(
      `transactions in 11 s: idle ${idle}, reading 5 people ${few}, reading 500 people ${many}`,
    );
    // An N+1 would cost 500 or more; background noise (audit flushes, sign-in counters) is
    // a few statements either way.
    assert.ok(Math.abs(many - few) <= 10, `5 people took ${few} statements, 500 took ${many}`);
    assert.ok(many - idle <= 20, `500 people took ${many} statements (idle ${idle})`);
  });
});

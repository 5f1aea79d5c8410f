import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { createTestDatabase } from '#test/support/database.js';
import { given } from '#test/support/given.js';
import { countStatements, type StatementCounter } from '#test/support/statement-counter.js';
import { importPeople } from '#test/accreditation/support.js';

/** The audit trail is written in batches on a timer, so its insert lands in whichever read it likes. */
const isAuditWrite = (sql: string) => /INSERT INTO audit\.events/i.test(sql);

describe('accreditation reads without N+1', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let counter: StatementCounter;
  let system: RunningSystem;
  before(async () => {
    // The services reach the database through a relay that counts their statements:
    // this system's own, as they are sent.
    database = await createTestDatabase('accreditation_n_plus_one');
    counter = await countStatements(database.url);
    system = await startSystem({ label: 'accreditation_n_plus_one', databaseUrl: counter.url });
  });
  after(async () => {
    await system?.stop();
    await counter?.close();
    await database?.drop();
  });

  it('reads 500 people with organisation and accreditation in as many SQL statements as 5 (no N+1)', async (t) => {
    const organisation = await given(system).organisation();
    await importPeople(system, organisation.id, 500, 'NPLUS');
    const query = `query($id: ID!, $first: Int) { people(filter: { organisationId: $id }, first: $first) {
      totalCount nodes { id familyName documentNumber organisation { code name }
        accreditation { cardNumber status history { status by } } } } }`;
    const statementsOfRead = async (first: number) => {
      const from = counter.statements.length;
      const result = await system.admin.query<{ people: { nodes: unknown[] } }>(query, {
        id: organisation.id,
        first,
      });
      assert.equal(result.people.nodes.length, first);
      return counter.statements.slice(from);
    };
    const few = await statementsOfRead(5);
    const many = await statementsOfRead(500);
    // The import folds its rows into the search indexes in the background after it answers:
    // that statement may land in the first read's window.
    const isIndexMerge = (sql: string) => /merge_search_pending_lists/.test(sql);
    const reads = (statements: string[]) =>
      statements.filter((s) => !isAuditWrite(s) && !isIndexMerge(s));
    t.diagnostic(`statements: reading 5 people ${few.length}, reading 500 people ${many.length}`);
    assert.ok(reads(few).length > 0, 'the relay saw the reads');
    assert.equal(
      reads(many).length,
      reads(few).length,
      `5 people took ${reads(few).length} statements, 500 took ${reads(many).length}:\n${reads(many).join('\n')}`,
    );
    // 500 audited document numbers are one insert (two when the timer of the first read fires meanwhile).
    assert.ok(many.filter(isAuditWrite).length <= 2, many.filter(isAuditWrite).join('\n'));
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { eventually } from '#test/support/eventually.js';
import { given, type GivenPerson } from '#test/support/given.js';

const PERSON = `query($id: ID!) { person(id: $id) {
  givenName familyName dateOfBirth nationality function documentNumber
  organisation { id } accreditation { category status }
  movements { totalCount } } }`;

interface PersonView {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nationality: string;
  function: string;
  documentNumber: string | null;
  organisation: { id: string };
  accreditation: { category: string; status: string };
  movements: { totalCount: number };
}

interface Trail {
  auditTrail: { nodes: { action: string; actor: string | null; outcome: string }[] };
}

const DAY_MS = 86_400_000;

/** The accreditation ended `days` ago: what the clock would show that many days after its end. */
async function endedDaysAgo(system: RunningSystem, personId: string, days: number): Promise<void> {
  const client = new pg.Client({ connectionString: system.databaseUrl });
  await client.connect();
  try {
    const until = new Date(Date.now() - days * DAY_MS);
    await client.query(
      `UPDATE accreditation.accreditations SET valid_from = $2, valid_until = $3 WHERE person_id = $1`,
      [personId, new Date(until.getTime() - 30 * DAY_MS), until],
    );
  } finally {
    await client.end();
  }
}

const person = async (system: RunningSystem, id: string) =>
  (await system.admin.query<{ person: PersonView }>(PERSON, { id })).person;

const trail = (system: RunningSystem, id: string) =>
  system.admin.query<Trail>(
    'query($id: ID!) { auditTrail(personId: $id) { nodes { action actor outcome } } }',
    { id },
  );

describe('retention: erasing personal data after an accreditation ends', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({
      label: 'retention',
      env: { RETENTION_DAYS: '30', RETENTION_SWEEP_SECONDS: '0' },
    });
  });
  after(() => system?.stop());

  it('erases on the admin mutation those past the retention time, keeping statistics and the movement log', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const due: GivenPerson = await g.arrivedPerson(organisation.id, {
      venues: ['NST'],
      zones: ['1'],
    });
    const gate = await g.area();
    await system.admin.query(
      `mutation($input: CheckInInput!) { checkIn(input: $input) { decision } }`,
      {
        input: {
          id: randomUUID(),
          areaCode: gate.code,
          direction: 'IN',
          cardNumber: due.cardNumber,
        },
      },
    );
    const notYet = await g.person(organisation.id);
    const before = await person(system, due.id);
    const keptBefore = await person(system, notYet.id);
    await endedDaysAgo(system, due.id, 31);
    await endedDaysAgo(system, notYet.id, 29);

    // Only ADMIN may run it.
    const officer = await g.user(['ACCREDITATION_OFFICER']);
    const [refused] = await officer.errors('mutation { eraseExpiredPersonalData { erased } }');
    assert.equal(refused.extensions?.code, 'FORBIDDEN');
    assert.equal((await person(system, due.id)).givenName, before.givenName);

    const run = await system.admin.query<{
      eraseExpiredPersonalData: { erased: number; endedBefore: string };
    }>('mutation { eraseExpiredPersonalData { erased endedBefore } }');
    assert.equal(run.eraseExpiredPersonalData.erased, 1);
    const cutoff = Date.parse(run.eraseExpiredPersonalData.endedBefore);
    assert.ok(Math.abs(cutoff - (Date.now() - 30 * DAY_MS)) < 60_000);

    const erased = await person(system, due.id);
    assert.equal(erased.givenName, '[erased]');
    assert.equal(erased.familyName, '[erased]');
    assert.equal(erased.documentNumber, null);
    assert.equal(erased.dateOfBirth, `${before.dateOfBirth.slice(0, 4)}-01-01`);
    // What statistics need stays.
    assert.deepEqual(
      [erased.nationality, erased.function, erased.organisation, erased.accreditation.category],
      [before.nationality, before.function, before.organisation, before.accreditation.category],
    );
    assert.equal(erased.movements.totalCount, before.movements.totalCount);
    assert.ok(erased.movements.totalCount >= 2);
    const verified = await system.admin.query<{ verifyMovementLog: { valid: boolean } }>(
      '{ verifyMovementLog { valid } }',
    );
    assert.equal(verified.verifyMovementLog.valid, true);
    // Someone whose accreditation ended 29 days ago keeps everything.
    assert.deepEqual(await person(system, notYet.id), keptBefore);

    // The audit trail records the erasure, by whom, and the run.
    const entries = (await trail(system, due.id)).auditTrail.nodes;
    const erasure = entries.filter((e) => e.action === 'erase:Person');
    assert.equal(erasure.length, 1);
    assert.match(erasure[0].actor ?? '', /^user:/);
    // A second run finds nobody new.
    const again = await system.admin.query<{ eraseExpiredPersonalData: { erased: number } }>(
      'mutation { eraseExpiredPersonalData { erased } }',
    );
    assert.equal(again.eraseExpiredPersonalData.erased, 0);
  });
});

describe('retention: the scheduled job', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({
      label: 'retention-job',
      env: { RETENTION_DAYS: '7', RETENTION_SWEEP_SECONDS: '1' },
    });
  });
  after(() => system?.stop());

  it('erases those due by itself and records it as the system', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const due = await g.person(organisation.id);
    const kept = await g.person(organisation.id);
    await endedDaysAgo(system, due.id, 8);
    await endedDaysAgo(system, kept.id, 6);
    await eventually(async () =>
      assert.equal((await person(system, due.id)).givenName, '[erased]'),
    );
    const entries = (await trail(system, due.id)).auditTrail.nodes;
    const erasure = entries.filter((e) => e.action === 'erase:Person');
    assert.equal(erasure.length, 1);
    assert.equal(erasure[0].actor, null);
    assert.equal((await person(system, kept.id)).givenName, kept.givenName);
  });
});

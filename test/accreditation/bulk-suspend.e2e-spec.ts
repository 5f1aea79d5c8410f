import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';

const SUSPEND_MANY = `mutation($ids: [ID!]!, $reason: String!) {
  suspendAccreditations(ids: $ids, reason: $reason) { id status } }`;
const STATE = `query($id: ID!) { person(id: $id) { accreditation { status history { status reason by } } } }`;

interface State {
  person: {
    accreditation: {
      status: string;
      history: { status: string; reason: string | null; by: string | null }[];
    };
  };
}

describe('suspendAccreditations through the gateway', () => {
  let system: RunningSystem;
  let g: ReturnType<typeof given>;
  let officer: GraphQLClient;
  let officerEmail: string;
  let organisationId: string;
  before(async () => {
    system = await startSystem({ label: 'bulk_suspend' });
    g = given(system);
    const account = await g.account(['ACCREDITATION_OFFICER']);
    officer = account.client;
    officerEmail = account.email;
    organisationId = (await g.organisation()).id;
  });
  after(async () => {
    await system?.stop();
  });

  const state = async (personId: string) =>
    (await officer.query<State>(STATE, { id: personId })).person.accreditation;

  it('suspends every selected card for one reason, each in its history', async () => {
    const [a, b] = [await g.approvedPerson(organisationId), await g.arrivedPerson(organisationId)];
    const { suspendAccreditations } = await officer.query<{
      suspendAccreditations: { id: string; status: string }[];
    }>(SUSPEND_MANY, {
      ids: [b.accreditationId, a.accreditationId],
      reason: 'Delegation left early',
    });
    assert.deepEqual(suspendAccreditations, [
      { id: b.accreditationId, status: 'SUSPENDED' },
      { id: a.accreditationId, status: 'SUSPENDED' },
    ]);
    for (const p of [a, b]) {
      const s = await state(p.id);
      assert.equal(s.status, 'SUSPENDED');
      assert.deepEqual(s.history.at(-1), {
        status: 'SUSPENDED',
        reason: 'Delegation left early',
        by: officerEmail,
      });
    }
    // Reinstated one by one, each returns to what it was.
    await officer.query(`mutation($id: ID!) { reinstateAccreditation(id: $id) { id } }`, {
      id: b.accreditationId,
    });
    assert.equal((await state(b.id)).status, 'ACTIVE');
  });

  it('is all or nothing: a card that cannot be suspended is named and none is suspended', async () => {
    const ok = await g.approvedPerson(organisationId);
    const submitted = await g.person(organisationId);
    const [error] = await officer.errors(SUSPEND_MANY, {
      ids: [ok.accreditationId, submitted.accreditationId],
      reason: 'x',
    });
    assert.equal(error.extensions?.code, 'CONFLICT');
    assert.match(error.message, /^Nothing was suspended: card \d+ \(.*\) is SUBMITTED/);
    assert.deepEqual(
      (error.extensions?.accreditations as { id: string }[]).map((p) => p.id),
      [submitted.accreditationId],
    );
    assert.equal((await state(ok.id)).status, 'APPROVED');

    const missing = randomUUID();
    const [unknown] = await officer.errors(SUSPEND_MANY, {
      ids: [ok.accreditationId, missing, 'not-an-id'],
      reason: 'x',
    });
    assert.equal(unknown.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      (unknown.extensions?.fields as { field: string }[]).map((f) => f.field),
      ['ids[1]', 'ids[2]'],
    );
    const [noReason] = await officer.errors(SUSPEND_MANY, {
      ids: [ok.accreditationId],
      reason: '',
    });
    assert.deepEqual(
      [noReason.extensions?.code, (noReason.extensions?.fields as { field: string }[])[0].field],
      ['BAD_USER_INPUT', 'reason'],
    );
    const [tooMany] = await officer.errors(SUSPEND_MANY, {
      ids: Array.from({ length: 1001 }, () => ok.accreditationId),
      reason: 'x',
    });
    assert.equal(tooMany.extensions?.code, 'BAD_USER_INPUT');
    assert.equal((await state(ok.id)).status, 'APPROVED');
  });

  it('is refused to roles that do not manage accreditations', async () => {
    const p = await g.approvedPerson(organisationId);
    for (const role of ['VIEWER', 'INSPECTION_OFFICER', 'HEALTH_OFFICER', 'TRACER']) {
      const client = await g.user([role]);
      const [denied] = await client.errors(SUSPEND_MANY, { ids: [p.accreditationId], reason: 'x' });
      assert.equal(denied.extensions?.code, 'FORBIDDEN', role);
    }
    assert.equal((await state(p.id)).status, 'APPROVED');
  });
});

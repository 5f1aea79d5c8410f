import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { IMPORT_COLUMNS } from '#apps/accreditation/imports/people-csv.js';
import { given } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';

const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`;
const PERSON = `query($id: ID!) { person(id: $id) {
  documentNumber closedLoop { status }
  accreditation { cardToken history { status by } } } }`;

interface PersonAnswer {
  person: {
    documentNumber: string | null;
    closedLoop: { status: string };
    accreditation: { cardToken: string | null; history: { status: string; by: string | null }[] };
  } | null;
}

describe('what each caller may see, and what it costs to ask', () => {
  let system: RunningSystem;
  let db: pg.Client;
  let viewer: GraphQLClient;
  let officer: GraphQLClient;
  let healthOfficer: GraphQLClient;
  before(async () => {
    system = await startSystem({ label: 'exposure' });
    db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    const g = given(system);
    [viewer, officer, healthOfficer] = await Promise.all([
      g.user(['VIEWER']),
      g.user(['ACCREDITATION_OFFICER']),
      g.user(['HEALTH_OFFICER']),
    ]);
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  const apiKey = async (scopes: string[], organisationId?: string) => {
    const data = await system.admin.query<{ createApiKey: { secret: string } }>(CREATE_KEY, {
      input: { name: `partner-${randomUUID().slice(0, 8)}`, scopes, organisationId },
    });
    return system.anonymous.withToken(data.createApiKey.secret);
  };

  const setClosedLoop = (personId: string, status: string) =>
    db.query(
      // A close contact is one for seven days (an expired one reads IN_LOOP).
      `INSERT INTO inspection.closed_loop (person_id, status, entered_at, close_contact_until)
       VALUES ($1, $2, now(), CASE WHEN $2 = 'CLOSE_CONTACT' THEN now() + interval '7 days' END)
       ON CONFLICT (person_id) DO UPDATE
         SET status = excluded.status, close_contact_until = excluded.close_contact_until`,
      [personId, status],
    );

  const auditCount = async (action: string, personId: string) =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit.events WHERE action = $1 AND person_id = $2',
        [action, personId],
      )
    ).rows[0].n;

  it('lets a VIEWER search names and card numbers but not inside document numbers', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.person(
      organisation.id,
      {},
      { documentNumber: `Q7${randomUUID().slice(0, 6)}` },
    );
    const search = (client: GraphQLClient, text: string) =>
      client.query<{ people: { totalCount: number } }>(
        'query($f: PeopleFilter) { people(filter: $f) { totalCount } }',
        { f: { organisationId: organisation.id, search: text } },
      );
    // One character at a time would give the number away: no prefix or fragment matches.
    for (const fragment of [person.documentNumber, person.documentNumber.slice(0, 3), 'q7']) {
      assert.equal((await search(viewer, fragment)).people.totalCount, 0, fragment);
      assert.equal((await search(officer, fragment)).people.totalCount, 1, fragment);
    }
    assert.equal((await search(viewer, person.familyName)).people.totalCount, 1);
    assert.equal((await search(viewer, person.cardNumber)).people.totalCount, 1);
  });

  it('shows CLOSE_CONTACT and ISOLATED only to health readers, audited, and lets no one else filter on them', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const isolated = await g.person(organisation.id);
    const contact = await g.person(organisation.id);
    const inLoop = await g.person(organisation.id);
    await setClosedLoop(isolated.id, 'ISOLATED');
    await setClosedLoop(contact.id, 'CLOSE_CONTACT');
    await setClosedLoop(inLoop.id, 'IN_LOOP');
    const reader = await apiKey(['ACCREDITATION_READ']);
    const statusOf = async (client: GraphQLClient, id: string) =>
      (
        await client.query<{ person: { closedLoop: { status: string } } }>(
          'query($id: ID!) { person(id: $id) { closedLoop { status } } }',
          { id },
        )
      ).person.closedLoop.status;
    const filter = (client: GraphQLClient, closedLoopStatus: string) =>
      client.request<{ people: { nodes: { id: string }[] } }>(
        'query($f: PeopleFilter) { people(filter: $f) { nodes { id } } }',
        { f: { organisationId: organisation.id, closedLoopStatus } },
      );
    const everyone = [isolated.id, contact.id, inLoop.id].sort();
    for (const client of [viewer, officer, reader]) {
      assert.equal(await statusOf(client, isolated.id), 'IN_LOOP');
      assert.equal(await statusOf(client, contact.id), 'IN_LOOP');
      for (const status of ['ISOLATED', 'CLOSE_CONTACT']) {
        const refused = await filter(client, status);
        assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN', status);
      }
      const coarse = await filter(client, 'IN_LOOP');
      assert.deepEqual(coarse.data?.people.nodes.map((n) => n.id).sort(), everyone);
    }
    assert.equal(await auditCount('read:ClosedLoopState.health', isolated.id), 0);
    assert.equal(await statusOf(healthOfficer, isolated.id), 'ISOLATED');
    assert.equal(await statusOf(healthOfficer, contact.id), 'CLOSE_CONTACT');
    const exact = await filter(healthOfficer, 'ISOLATED');
    assert.deepEqual(
      exact.data?.people.nodes.map((n) => n.id),
      [isolated.id],
    );
    assert.equal(await auditCount('read:ClosedLoopState.health', isolated.id), 1);
  });

  it('gives live card tokens and staff emails only to those who need them', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.approvedPerson(organisation.id);
    const email = (await system.admin.query<{ me: { email: string } }>('{ me { email } }')).me
      .email;
    const read = async (client: GraphQLClient) =>
      (await client.query<PersonAnswer>(PERSON, { id: person.id })).person!.accreditation;
    const seenByViewer = await read(viewer);
    assert.equal(seenByViewer.cardToken, null, 'a VIEWER reads no live token');
    assert.ok(
      seenByViewer.history.some((e) => e.by === email),
      'staff see who did it',
    );
    assert.equal((await read(officer)).cardToken, person.cardToken);
    const partner = await read(await apiKey(['ACCREDITATION_READ']));
    assert.equal(partner.cardToken, person.cardToken, 'a partner prints its cards');
    assert.ok(partner.history.length > 0);
    for (const event of partner.history) {
      assert.ok(event.by === null || ['staff', 'api key'].includes(event.by), String(event.by));
    }
  });

  it("counts only the caller's organisation's people in an area for an organisation-bound key", async () => {
    const g = given(system);
    const [mine, theirs] = await Promise.all([g.organisation(), g.organisation()]);
    const area = await g.area();
    const people = [await g.person(mine.id), await g.person(theirs.id), await g.person(theirs.id)];
    await system.admin.query(
      `mutation($input: [RecordMovementInput!]!) { recordMovements(input: $input) { id } }`,
      {
        input: people.map((p) => ({
          id: randomUUID(),
          personId: p.id,
          location: area.code,
          kind: 'ENTRY',
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
        })),
      },
    );
    const occupancy = async (client: GraphQLClient) =>
      (
        await client.query<{ inspectionArea: { occupancy: number } }>(
          'query($code: String!) { inspectionArea(code: $code) { occupancy } }',
          { code: area.code },
        )
      ).inspectionArea.occupancy;
    assert.equal(await occupancy(system.admin), 3);
    assert.equal(await occupancy(await apiKey(['CHECKIN_WRITE'], mine.id)), 1);
    assert.equal(await occupancy(await apiKey(['CHECKIN_WRITE'], theirs.id)), 2);
    assert.equal(await occupancy(await apiKey(['CHECKIN_WRITE'])), 3);
  });

  it('serves no mutation and no sensitive read whose audit record could not be written', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.person(organisation.id);
    await setClosedLoop(person.id, 'ISOLATED');
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit.events'))
      .rows[0].n;
    // The audit trail refuses these actions: what a full disk or a lost grant would do.
    await db.query(`ALTER TABLE audit.events ADD CONSTRAINT exposure_test_refuse
      CHECK (action NOT IN ('Mutation.createOrganisation', 'read:Person.documentNumber',
                            'read:ClosedLoopState.health')) NOT VALID`);
    try {
      const created = await system.admin.request(
        'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
        {
          input: {
            code: `NOC-${randomUUID().slice(0, 6).toUpperCase()}`,
            name: 'Unaudited',
            type: 'NOC',
          },
        },
      );
      assert.equal(created.data, null, 'the result is not served');
      assert.equal(created.errors?.[0]?.extensions?.code, 'INTERNAL_SERVER_ERROR');
      const documentRead = await officer.request<PersonAnswer>(
        'query($id: ID!) { person(id: $id) { documentNumber } }',
        { id: person.id },
      );
      assert.equal(documentRead.data?.person?.documentNumber ?? null, null);
      assert.equal(documentRead.errors?.[0]?.extensions?.code, 'INTERNAL_SERVER_ERROR');
      const healthRead = await healthOfficer.request<PersonAnswer>(
        'query($id: ID!) { person(id: $id) { closedLoop { status } } }',
        { id: person.id },
      );
      assert.equal(JSON.stringify(healthRead.data).includes('ISOLATED'), false);
      assert.equal(healthRead.errors?.[0]?.extensions?.code, 'INTERNAL_SERVER_ERROR');
    } finally {
      await db.query('ALTER TABLE audit.events DROP CONSTRAINT exposure_test_refuse');
    }
    // Reads that need no record still work, and the trail works again.
    await system.admin.query(
      'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
      {
        input: {
          code: `NOC-${randomUUID().slice(0, 6).toUpperCase()}`,
          name: 'Audited',
          type: 'NOC',
        },
      },
    );
    const after = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit.events'))
      .rows[0].n;
    assert.ok(after > before);
  });

  it('refuses an import of millions of empty lines at once, and the service stays healthy', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    // 7 million line breaks: 14 MB once escaped in JSON, under the gateway's 16 MB.
    const csv = `${IMPORT_COLUMNS.join(',')}\n${'\n'.repeat(7_000_000)}`;
    const started = Date.now();
    const answer = await system.admin.request(
      'mutation($input: ImportPeopleInput!) { importPeople(input: $input) { created } }',
      { input: { organisationId: organisation.id, csv, dryRun: true } },
    );
    const tookMs = Date.now() - started;
    assert.equal(answer.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(answer));
    assert.deepEqual(
      answer.errors?.[0]?.extensions?.fields?.map((f) => f.field),
      ['csv'],
    );
    assert.match(answer.errors?.[0]?.message ?? '', /lines/);
    // Counting lines is linear and cheap; reading them as CSV records took minutes.
    assert.ok(tookMs < 20_000, `took ${tookMs} ms`);
    const health = await fetch(new URL('/health', system.subgraphUrls.accreditation));
    assert.equal(health.status, 200);
  });
});

import assert from 'node:assert/strict';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given, type GivenPerson } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';

const RECORD = `mutation($input: [RecordMovementInput!]!) {
  recordMovements(input: $input) { id kind location occurredAt recordedAt source hash person { id familyName } }
}`;

interface Recorded {
  id: string;
  source: string;
  hash: string;
  person: { id: string; familyName: string };
}

async function apiKey(
  system: RunningSystem,
  name: string,
  scopes: string[],
  organisationId?: string,
): Promise<GraphQLClient> {
  const data = await system.admin.query<{ createApiKey: { secret: string } }>(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
    { input: { name, scopes, organisationId } },
  );
  return system.anonymous.withToken(data.createApiKey.secret);
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

void describe('movement log, through the gateway', () => {
  let system: RunningSystem;
  let partner: GraphQLClient;
  let noc: GraphQLClient;
  let tracer: GraphQLClient;
  let ann: GivenPerson;
  let bob: GivenPerson;
  let foreigner: GivenPerson;

  before(async () => {
    // SUPERGRAPH_PATH: serve a freshly composed supergraph instead of the committed one.
    system = await startSystem({
      label: 'movement_api',
      supergraphPath: process.env.SUPERGRAPH_PATH,
    });
    const org = await given(system).organisation();
    const otherOrg = await given(system).organisation();
    ann = await given(system).person(org.id);
    bob = await given(system).person(org.id);
    foreigner = await given(system).person(otherOrg.id);
    partner = await apiKey(system, 'Beijing Bus Co', ['MOVEMENT_WRITE', 'MOVEMENT_READ']);
    noc = await apiKey(system, 'NOC tool', ['MOVEMENT_WRITE', 'MOVEMENT_READ'], org.id);
    tracer = await given(system).user(['TRACER']);
  });
  after(() => system?.stop());

  void it('records a batch by person id and card number, as the calling system, idempotently', async () => {
    const input = [
      {
        id: randomUUID(),
        personId: ann.id,
        location: 'BUS-0042',
        kind: 'ENTRY',
        occurredAt: ago(60),
      },
      {
        id: randomUUID(),
        cardNumber: bob.cardNumber,
        location: 'BUS-0042',
        kind: 'ENTRY',
        occurredAt: ago(55),
      },
      {
        id: randomUUID(),
        personId: ann.id,
        location: 'BUS-0042',
        kind: 'EXIT',
        occurredAt: ago(20),
      },
    ];
    const first = await partner.query<{ recordMovements: Recorded[] }>(RECORD, { input });
    assert.deepEqual(
      first.recordMovements.map((e) => [e.person.id, e.source]),
      [
        [ann.id, 'Beijing Bus Co'],
        [bob.id, 'Beijing Bus Co'],
        [ann.id, 'Beijing Bus Co'],
      ],
    );
    assert.ok(first.recordMovements[0].person.familyName.startsWith('Tester'));
    const replay = await partner.query<{ recordMovements: Recorded[] }>(RECORD, { input });
    assert.deepEqual(replay, first);
    const single = await partner.query<{ recordMovement: { id: string; hash: string } }>(
      `mutation($input: RecordMovementInput!) { recordMovement(input: $input) { id hash } }`,
      { input: input[0] },
    );
    assert.equal(single.recordMovement.hash, first.recordMovements[0].hash);
  });

  void it('audits a batch once per call, the log naming each event’s person and source', async () => {
    const keyName = `Audited Shuttle ${randomUUID().slice(0, 8)}`;
    const shuttle = await apiKey(system, keyName, ['MOVEMENT_WRITE']);
    const org = await given(system).organisation();
    const riders = [await given(system).person(org.id), await given(system).person(org.id)];
    const input = riders.map((person, i) => ({
      id: randomUUID(),
      personId: person.id,
      location: 'SHUTTLE-77',
      kind: 'ENTRY',
      occurredAt: ago(40 - i),
    }));
    await shuttle.query(RECORD, { input });
    const refused = await shuttle.request(RECORD, {
      input: [{ ...input[0], id: randomUUID(), personId: randomUUID() }],
    });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');

    const trail = await system.admin.query<{
      auditTrail: { nodes: { action: string; personId: string | null; outcome: string }[] };
    }>(
      `query($actor: String) { auditTrail(actor: $actor, first: 20) { nodes { action personId outcome } } }`,
      { actor: keyName },
    );
    assert.deepEqual(
      trail.auditTrail.nodes
        .filter((e) => e.action === 'Mutation.recordMovements')
        .map((e) => [e.personId, e.outcome])
        .sort(),
      [
        [null, 'BAD_USER_INPUT'],
        [null, 'ok'],
      ],
    );
    // Who recorded each person's movement is in the log itself.
    const movements = await system.admin.query<{
      movements: { nodes: { person: { id: string }; source: string }[] };
    }>(
      `query($location: String) { movements(location: $location, first: 10) { nodes { person { id } source } } }`,
      { location: 'SHUTTLE-77' },
    );
    assert.deepEqual(
      movements.movements.nodes.map((e) => [e.person.id, e.source]).sort(),
      riders.map((r) => [r.id, keyName]).sort(),
    );
  });
  void it('names each bad field, writes nothing, and never answers bad input with a 500', async () => {
    const [error] = await partner.errors(RECORD, {
      input: [
        {
          id: randomUUID(),
          personId: ann.id,
          location: 'HOTEL-1',
          kind: 'ENTRY',
          occurredAt: ago(5),
        },
        {
          id: randomUUID(),
          personId: ann.id,
          cardNumber: ann.cardNumber,
          location: 'HOTEL-1',
          kind: 'ENTRY',
          occurredAt: ago(5),
        },
        { id: randomUUID(), location: 'HOTEL-1', kind: 'ENTRY', occurredAt: 'yesterday' },
        {
          id: 'scanner-1',
          cardNumber: '00000000',
          location: 'HOTEL-1',
          kind: 'EXIT',
          occurredAt: ago(5),
        },
      ],
    });
    assert.equal(error.extensions?.code, 'BAD_USER_INPUT');
    const fields = (error.extensions?.fields ?? []).map((f) => f.field);
    for (const field of [
      'input[1].cardNumber',
      'input[2].personId',
      'input[2].occurredAt',
      'input[3].id',
    ]) {
      assert.ok(fields.includes(field), `${field} in ${fields.join(', ')}`);
    }
    const hotel = await tracer.query<{ movements: { totalCount: number } }>(
      `{ movements(location: "HOTEL-1") { totalCount } }`,
    );
    assert.equal(hotel.movements.totalCount, 0);
    for (const query of [
      `{ stays(personId: "${ann.id}", from: "not a date", to: "2022-01-01T00:00:00Z") { location } }`,
      `{ movements(personId: "nope") { totalCount } }`,
      `{ movements(first: 100000) { totalCount } }`,
      `{ presentAt(location: "X", after: "forged") { totalCount } }`,
      `{ contacts(personId: "${ann.id}", from: "2022-02-01T00:00:00Z", to: "2022-01-01T00:00:00Z") { totalMinutes } }`,
    ]) {
      const [e] = await tracer.errors(query);
      assert.equal(e.extensions?.code, 'BAD_USER_INPUT', query);
    }
  });

  void it('confines a key bound to an organisation to its own people', async () => {
    const [error] = await noc.errors(RECORD, {
      input: [
        {
          id: randomUUID(),
          personId: foreigner.id,
          location: 'BUS-1',
          kind: 'ENTRY',
          occurredAt: ago(5),
        },
      ],
    });
    assert.equal(error.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      error.extensions?.fields?.map((f) => f.field),
      ['input[0].personId'],
    );
    await partner.query(RECORD, {
      input: [
        {
          id: randomUUID(),
          personId: foreigner.id,
          location: 'BUS-1',
          kind: 'ENTRY',
          occurredAt: ago(5),
        },
      ],
    });
    const seen = await noc.query<{ movements: { totalCount: number } }>(
      `{ movements(location: "BUS-1") { totalCount } }`,
    );
    assert.equal(seen.movements.totalCount, 0);
    const [notFound] = await noc.errors(
      `{ stays(personId: "${foreigner.id}", from: "${ago(60)}", to: "${ago(0)}") { location } }`,
    );
    assert.equal(notFound.extensions?.code, 'NOT_FOUND');
  });

  void it('finds a stay begun days before the window, past a stray exit from elsewhere', async () => {
    const lodger = await given(system).person((await given(system).organisation()).id);
    const days = (n: number) => ago(n * 24 * 60);
    await partner.query(RECORD, {
      input: [
        {
          id: randomUUID(),
          personId: lodger.id,
          location: 'HOTEL-ROOM-12',
          kind: 'ENTRY',
          occurredAt: days(4),
        },
        // An exit from a place the lodger was not in: changes nothing.
        {
          id: randomUUID(),
          personId: lodger.id,
          location: 'BUS-0099',
          kind: 'EXIT',
          occurredAt: days(2),
        },
      ],
    });
    const { stays } = await tracer.query<{ stays: { location: string; until: string | null }[] }>(
      `{ stays(personId: "${lodger.id}", from: "${ago(60)}", to: "${ago(0)}") { location until } }`,
    );
    assert.deepEqual(stays, [{ location: 'HOTEL-ROOM-12', until: null }]);
  });

  void it('gives stays, presence, contacts and Person.movements to a tracer', async () => {
    const stays = await tracer.query<{
      stays: { location: string; from: string; until: string | null }[];
    }>(
      `{ stays(personId: "${ann.id}", from: "${ago(120)}", to: "${ago(0)}") { location from until } }`,
    );
    assert.deepEqual(
      stays.stays.map((s) => s.location),
      ['BUS-0042'],
    );
    assert.ok(stays.stays[0].until);
    const present = await tracer.query<{
      presentAt: {
        totalCount: number;
        nodes: { since: string; person: { id: string; familyName: string } }[];
      };
    }>(
      `{ presentAt(location: "BUS-0042") { totalCount nodes { since person { id familyName } } } }`,
    );
    assert.deepEqual(
      present.presentAt.nodes.map((n) => n.person.id),
      [bob.id],
    );
    const contacts = await tracer.query<{
      contacts: {
        totalMinutes: number;
        person: { id: string };
        encounters: { location: string; minutes: number }[];
      }[];
    }>(
      `{ contacts(personId: "${ann.id}", from: "${ago(120)}", to: "${ago(0)}") {
          totalMinutes person { id } encounters { location minutes } } }`,
    );
    assert.deepEqual(
      contacts.contacts.map((c) => [
        c.person.id,
        c.totalMinutes >= 34 && c.totalMinutes <= 35,
        c.encounters[0].location,
      ]),
      [[bob.id, true, 'BUS-0042']],
    );
    const person = await tracer.query<{
      person: { movements: { totalCount: number; nodes: { kind: string }[] } };
    }>(`{ person(id: "${ann.id}") { movements(first: 10) { totalCount nodes { kind } } } }`);
    assert.equal(person.person.movements.totalCount, 2);
    const viewer = await given(system).user(['VIEWER']);
    const hidden = await viewer.query<{ person: { movements: { totalCount: number } } }>(
      `{ person(id: "${ann.id}") { movements { totalCount } } }`,
    );
    assert.equal(hidden.person.movements.totalCount, 0);
    assert.deepEqual(
      person.person.movements.nodes.map((n) => n.kind),
      ['ENTRY', 'EXIT'],
    );
  });

  void it('lets only an ADMIN verify the log, which is intact', async () => {
    const [forbidden] = await tracer.errors(`{ verifyMovementLog { valid } }`);
    assert.equal(forbidden.extensions?.code, 'FORBIDDEN');
    const result = await system.admin.query<{
      verifyMovementLog: {
        valid: boolean;
        eventsChecked: number;
        firstInvalidEventId: string | null;
      };
    }>(`{ verifyMovementLog { valid eventsChecked firstInvalidEventId } }`);
    // Every event this file's system holds is checked, whatever the tests before recorded.
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    const [{ n }] = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM movement.events')
    ).rows;
    await db.end();
    assert.ok(n > 0);
    assert.deepEqual(result.verifyMovementLog, {
      valid: true,
      eventsChecked: n,
      firstInvalidEventId: null,
    });
  });
});

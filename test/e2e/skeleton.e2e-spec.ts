import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';

describe('the walking skeleton, through the gateway', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({ label: 'skeleton' });
  });
  after(() => system?.stop());

  it('refuses every operation but login without a token, and a wrong password', async () => {
    const [error] = await system.anonymous.errors('{ organisations { id } }');
    assert.equal(error.extensions?.code, 'UNAUTHENTICATED');
    const [wrong] = await system.anonymous.errors(
      'mutation { login(input: { email: "admin@games.test", password: "not-the-password" }) { token } }',
    );
    assert.equal(wrong.extensions?.code, 'UNAUTHENTICATED');
  });

  it('creates users, who see only what their roles allow', async () => {
    const viewer = await given(system).user(['VIEWER']);
    const me = await viewer.query<{ me: { roles: string[] } }>('{ me { email roles } }');
    assert.deepEqual(me.me.roles, ['VIEWER']);
    const [error] = await viewer.errors(
      'mutation { createOrganisation(input: { code: "NOC-XYZ", name: "X", type: NOC }) { id } }',
    );
    assert.equal(error.extensions?.code, 'FORBIDDEN');
  });

  it('names every bad field of one input in one answer', async () => {
    const organisation = await given(system).organisation();
    const [error] = await system.admin.errors(
      `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
      { input: given(system).personInput(organisation.id, { givenName: '', nationality: 'XX' }) },
    );
    assert.equal(error.extensions?.code, 'BAD_USER_INPUT');
    const fields = (error.extensions?.fields ?? []).map((f) => f.field).sort();
    assert.deepEqual(fields, ['givenName', 'nationality']);
  });

  it('runs the slice: register, approve, arrive, check in and out, read it all back', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.person(organisation.id, { venues: ['NST'], zones: ['1'] });
    const approved = await g.approve(person.accreditationId);
    assert.equal(approved.status, 'APPROVED');
    // A compact card code: base45 (QR alphanumeric), at most 200 characters.
    assert.match(approved.cardToken ?? '', /^[0-9A-Z $%*+\-./:]{100,200}$/);

    const port = await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
    const gate = await g.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });

    const arrival = await g.arrive(port.code, person.cardNumber, person.documentNumber);
    assert.deepEqual([arrival.decision, arrival.reasons], ['ADMITTED', []]);

    const scan = (direction: 'IN' | 'OUT', id = randomUUID()) =>
      system.admin.query<{ checkIn: { decision: string; reasons: string[]; replayed: boolean } }>(
        `mutation($input: CheckInInput!) { checkIn(input: $input) { decision reasons replayed } }`,
        { input: { id, areaCode: gate.code, direction, cardNumber: person.cardNumber } },
      );
    const entry = randomUUID();
    assert.deepEqual((await scan('IN', entry)).checkIn, {
      decision: 'ADMITTED',
      reasons: [],
      replayed: false,
    });
    assert.deepEqual((await scan('IN', entry)).checkIn.replayed, true);
    assert.deepEqual((await scan('IN')).checkIn.reasons, ['ALREADY_INSIDE']);
    assert.equal((await scan('OUT')).checkIn.decision, 'ADMITTED');

    const read = await system.admin.query<{
      person: {
        accreditation: { status: string };
        closedLoop: { status: string; testDueBy: string | null };
        movements: { totalCount: number; nodes: { location: string; kind: string }[] };
      };
    }>(
      `query($id: ID!) { person(id: $id) {
         accreditation { status }
         closedLoop { status testDueBy }
         movements { totalCount nodes { location kind } }
       } }`,
      { id: person.id },
    );
    assert.equal(read.person.accreditation.status, 'ACTIVE');
    assert.equal(read.person.closedLoop.status, 'IN_LOOP');
    assert.ok(read.person.closedLoop.testDueBy);
    assert.equal(read.person.movements.totalCount, 3);
    assert.deepEqual(
      read.person.movements.nodes.map((m) => `${m.kind}@${m.location}`).sort(),
      [`ENTRY@${port.code}`, `ENTRY@${gate.code}`, `EXIT@${gate.code}`].sort(),
    );
  });

  it('lists people as a connection with a total', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    for (let i = 0; i < 3; i++) await g.person(organisation.id);
    const page = await system.admin.query<{
      people: { totalCount: number; nodes: unknown[]; pageInfo: { hasNextPage: boolean } };
    }>(
      `query($id: ID!) { people(filter: { organisationId: $id }, first: 2) {
         totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { id: organisation.id },
    );
    assert.equal(page.people.totalCount, 3);
    assert.equal(page.people.nodes.length, 2);
    assert.equal(page.people.pageInfo.hasNextPage, true);
  });
});

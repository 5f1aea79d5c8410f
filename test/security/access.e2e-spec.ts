import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { eventually } from '#test/support/eventually.js';
import { given } from '#test/support/given.js';
import { GraphQLClient } from '#test/support/graphql-client.js';

const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name scopes revokedAt organisation { id } } } }`;

describe('partner access and privacy', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({ label: 'access' });
  });
  after(() => system?.stop());

  const apiKey = async (scopes: string[], organisationId?: string) => {
    const data = await system.admin.query<{
      createApiKey: { secret: string; apiKey: { id: string } };
    }>(CREATE_KEY, {
      input: { name: `partner-${randomUUID().slice(0, 8)}`, scopes, organisationId },
    });
    return {
      id: data.createApiKey.apiKey.id,
      client: system.anonymous.withToken(data.createApiKey.secret),
      secret: data.createApiKey.secret,
    };
  };

  it('issues recognisable 256-bit secrets, only to ADMIN', async () => {
    const { secret } = await apiKey(['ACCREDITATION_READ']);
    assert.match(secret, /^gak_[\w-]{43}$/);
    const officer = await given(system).user(['ACCREDITATION_OFFICER']);
    const [error] = await officer.errors(CREATE_KEY, {
      input: { name: 'x', scopes: ['ACCREDITATION_READ'] },
    });
    assert.equal(error.extensions?.code, 'FORBIDDEN');
  });

  it('enforces scopes: a read key reads people and cannot check in or write', async () => {
    const { client } = await apiKey(['ACCREDITATION_READ']);
    const people = await client.query<{ people: { totalCount: number } }>(
      '{ people { totalCount } }',
    );
    assert.equal(typeof people.people.totalCount, 'number');
    const [checkIn] = await client.errors(
      `mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`,
      { input: { id: randomUUID(), areaCode: 'X', direction: 'IN', cardNumber: '10000017' } },
    );
    assert.equal(checkIn.extensions?.code, 'FORBIDDEN');
    const [write] = await client.errors(
      'mutation { createOrganisation(input: { code: "NOC-NOPE", name: "N", type: NOC }) { id } }',
    );
    assert.equal(write.extensions?.code, 'FORBIDDEN');
  });

  it("confines an organisation's key to that organisation's people", async () => {
    const g = given(system);
    const mine = await g.organisation();
    const theirs = await g.organisation();
    const own = await g.person(mine.id);
    const other = await g.person(theirs.id);
    const { client } = await apiKey(['ACCREDITATION_READ'], mine.id);
    const read = await client.query<{ a: { id: string } | null; b: { id: string } | null }>(
      'query($a: ID!, $b: ID!) { a: person(id: $a) { id } b: person(id: $b) { id } }',
      { a: own.id, b: other.id },
    );
    assert.deepEqual(read, { a: { id: own.id }, b: null });
    const list = await client.query<{ people: { nodes: { id: string }[] } }>(
      'query($o: ID!) { people(filter: { organisationId: $o }) { nodes { id } } }',
      { o: theirs.id },
    );
    assert.deepEqual(list.people.nodes, []);
    const all = await client.query<{ people: { nodes: { id: string }[] } }>(
      '{ people(first: 500) { nodes { id } } }',
    );
    assert.ok(all.people.nodes.every((p) => p.id !== other.id));
    assert.ok(all.people.nodes.some((p) => p.id === own.id));
  });

  it("confines an organisation's scanner and laboratory keys to that organisation's people", async () => {
    const g = given(system);
    const mine = await g.organisation();
    const theirs = await g.organisation();
    const own = await g.arrivedPerson(mine.id);
    const other = await g.arrivedPerson(theirs.id);
    const area = await g.area({
      kind: 'ACCOMMODATION',
      venueCode: 'BOH',
      zone: 'H',
      closedLoop: false,
    });
    const { client: scanner } = await apiKey(['CHECKIN_WRITE'], mine.id);
    const scan = (cardNumber: string) =>
      scanner.query<{ checkIn: { decision: string; reasons: string[] } }>(
        'mutation($input: CheckInInput!) { checkIn(input: $input) { decision reasons } }',
        { input: { id: randomUUID(), areaCode: area.code, direction: 'IN', cardNumber } },
      );
    assert.deepEqual((await scan(own.cardNumber)).checkIn, { decision: 'ADMITTED', reasons: [] });
    assert.deepEqual((await scan(other.cardNumber)).checkIn.reasons, ['UNKNOWN_CARD']);
    await system.admin.query('mutation($input: CheckInInput!) { checkIn(input: $input) { id } }', {
      input: {
        id: randomUUID(),
        areaCode: area.code,
        direction: 'IN',
        cardNumber: other.cardNumber,
      },
    });
    const listed = await scanner.query<{
      checkIns: { nodes: { person: { id: string } | null }[] };
    }>('query($a: String) { checkIns(areaCode: $a) { nodes { person { id } } } }', {
      a: area.code,
    });
    assert.ok(listed.checkIns.nodes.every((n) => n.person?.id !== other.id));
    assert.ok(listed.checkIns.nodes.some((n) => n.person?.id === own.id));

    const { client: laboratory } = await apiKey(['HEALTH_WRITE'], mine.id);
    const result = (personId: string) =>
      laboratory.request(
        'mutation($input: TestResultInput!) { recordTestResult(input: $input) { status } }',
        {
          input: {
            id: randomUUID(),
            personId,
            sampledAt: new Date().toISOString(),
            result: 'NEGATIVE',
          },
        },
      );
    assert.equal((await result(own.id)).errors, undefined);
    assert.equal((await result(other.id)).errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  it('stops a revoked key at once', async () => {
    const { id, client } = await apiKey(['ACCREDITATION_READ']);
    await client.query('{ people { totalCount } }');
    const revoked = await system.admin.query<{ revokeApiKey: { revokedAt: string | null } }>(
      'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id },
    );
    assert.ok(revoked.revokeApiKey.revokedAt);
    const [error] = await client.errors('{ people { totalCount } }');
    assert.equal(error.extensions?.code, 'UNAUTHENTICATED');
  });

  it('shows document numbers and health data only to those allowed', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.arrivedPerson(organisation.id);
    const query = `query($id: ID!) { person(id: $id) { documentNumber closedLoop { status testDueBy lastNegativeTestAt closeContactUntil } } }`;
    type Read = {
      person: {
        documentNumber: string | null;
        closedLoop: { status: string; testDueBy: string | null };
      };
    };
    const viewer = await (await g.user(['VIEWER'])).query<Read>(query, { id: person.id });
    assert.equal(viewer.person.documentNumber, null);
    assert.equal(viewer.person.closedLoop.status, 'IN_LOOP');
    assert.equal(viewer.person.closedLoop.testDueBy, null);
    const officer = await (
      await g.user(['ACCREDITATION_OFFICER'])
    ).query<Read>(query, { id: person.id });
    assert.equal(officer.person.documentNumber, person.documentNumber);
    assert.equal(officer.person.closedLoop.testDueBy, null);
    const health = await (await g.user(['HEALTH_OFFICER'])).query<Read>(query, { id: person.id });
    assert.equal(health.person.documentNumber, null);
    assert.ok(health.person.closedLoop.testDueBy);
    const tracer = await (await g.user(['TRACER'])).query<Read>(query, { id: person.id });
    assert.equal(tracer.person.documentNumber, null);
    assert.ok(tracer.person.closedLoop.testDueBy);
  });

  it('limits failed sign-ins per account, even for the right password afterwards', async () => {
    const g = given(system);
    const email = `throttled-${randomUUID().slice(0, 8)}@games.test`;
    await system.admin.query(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: { email, password: 'the-right-password', roles: ['VIEWER'] },
      },
    );
    for (let i = 0; i < 10; i++) {
      const [wrong] = await system.anonymous.errors(
        'mutation($e: String!) { login(input: { email: $e, password: "wrong-password" }) { token } }',
        { e: email },
      );
      assert.equal(wrong.message, 'Wrong email or password');
    }
    const [blocked] = await system.anonymous.errors(
      'mutation($e: String!) { login(input: { email: $e, password: "the-right-password" }) { token } }',
      { e: email },
    );
    assert.match(blocked.message, /Too many failed sign-ins/);
    assert.ok(Number(blocked.extensions?.retryAfterSeconds) > 0);
    // Another account from the same address still signs in.
    await g.user(['VIEWER']);
  });

  it('issues a shift-long token that carries only the user id, roles and session epoch', () => {
    const token = system.admin.token as string;
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(payload).sort(), ['exp', 'iat', 'iss', 'roles', 'sep', 'sub']);
    assert.equal(Number(payload.exp) - Number(payload.iat), 12 * 3600);
  });

  it('keeps an audit trail of mutations and sensitive reads that only ADMIN reads and nobody changes', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.person(organisation.id);
    const officer = await g.user(['ACCREDITATION_OFFICER']);
    await officer.query('query($id: ID!) { person(id: $id) { documentNumber } }', {
      id: person.id,
    });
    // The trail is written in batches, shortly after the answers.
    const trail = await eventually(async () => {
      const read = await system.admin.query<{
        auditTrail: {
          totalCount: number;
          nodes: {
            action: string;
            actor: string | null;
            outcome: string;
            clientAddress: string | null;
          }[];
        };
      }>(
        'query($id: ID!) { auditTrail(personId: $id) { totalCount nodes { action actor outcome clientAddress } } }',
        { id: person.id },
      );
      const actions = read.auditTrail.nodes.map((n) => n.action);
      assert.ok(actions.includes('Mutation.registerPerson'), actions.join());
      assert.ok(actions.includes('read:Person.documentNumber'), actions.join());
      return read;
    });
    assert.ok(trail.auditTrail.nodes.every((n) => n.actor && n.clientAddress));
    const [forbidden] = await officer.errors('{ auditTrail { totalCount } }');
    assert.equal(forbidden.extensions?.code, 'FORBIDDEN');
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      await assert.rejects(db.query(`UPDATE audit.events SET outcome = 'x'`), /append-only/);
      await assert.rejects(db.query(`DELETE FROM audit.events`), /append-only/);
    } finally {
      await db.end();
    }
  });

  it("records the caller's real address, whatever X-Forwarded-For it sends", async () => {
    const organisation = await given(system).organisation();
    const res = await system.admin.request<{ registerPerson: { id: string } }>(
      'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      { input: given(system).personInput(organisation.id) },
      { 'x-forwarded-for': '203.0.113.9' },
    );
    const personId = res.data?.registerPerson.id as string;
    const trail = await eventually(async () => {
      const read = await system.admin.query<{
        auditTrail: { nodes: { clientAddress: string }[] };
      }>('query($id: ID!) { auditTrail(personId: $id) { nodes { clientAddress } } }', {
        id: personId,
      });
      assert.ok(read.auditTrail.nodes.length > 0, 'the registration is in the trail');
      return read;
    });
    for (const node of trail.auditTrail.nodes) assert.match(node.clientAddress, /127\.0\.0\.1|::1/);
  });

  it('never answers with a stack trace: clients get codes', async () => {
    const res = await new GraphQLClient(system.url, system.admin.token).request(
      '{ person(id: "not-a-uuid") { id } }',
    );
    assert.equal(res.data?.person ?? null, null);
    assert.equal(JSON.stringify(res).includes('stack'), false);
  });
});

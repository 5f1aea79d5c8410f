import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { changeStatus, hoursFrom, inspection } from '#test/inspection/support.js';

interface Entry {
  cardNumber: string;
  tokenVersion: number;
  status: string;
  reasons: string[];
  testDueBy: string | null;
}

const LIST = '{ cardDenyList { cardNumber tokenVersion status reasons testDueBy } }';
const HOUR = 3_600_000;

/** The deny list offline gates cache: what is listed, with which reasons, and who sees it. */
describe("the gates' deny list through the gateway", () => {
  let system: RunningSystem;
  let g: ReturnType<typeof inspection>;
  let inspector: GraphQLClient;
  let port: { code: string };
  let gate: { code: string };
  before(async () => {
    // Tests are due every 48 h here, so someone who arrives now is not due within 24 h.
    system = await startSystem({
      label: 'inspection_deny_list',
      env: { TEST_INTERVAL_HOURS: '48' },
    });
    g = inspection(system);
    inspector = await g.user(['INSPECTION_OFFICER']);
    port = await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
    gate = await g.area({ kind: 'VENUE', venueCode: 'NST', zone: '1', closedLoop: true });
  });
  after(() => system?.stop());

  const listAs = async (client: GraphQLClient) =>
    new Map(
      (await client.query<{ cardDenyList: Entry[] }>(LIST)).cardDenyList.map((e) => [
        e.cardNumber,
        e,
      ]),
    );
  /** Arrived at `arrivedAt` (the test clock starts then), valid for days either side. */
  const arrivedAt = async (organisationId: string, at: Date) => {
    const person = await g.approvedPerson(organisationId, {
      validFrom: hoursFrom(new Date(), -120).toISOString(),
    });
    const arrival = await g.arrive(
      port.code,
      person.cardNumber,
      person.documentNumber,
      at.toISOString(),
    );
    assert.equal(arrival.decision, 'ADMITTED', arrival.reasons.join());
    return person;
  };
  const key = async (scopes: string[], organisationId?: string) => {
    const made = await system.admin.query<{ createApiKey: { secret: string } }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
      { input: { name: `gate-${randomUUID().slice(0, 8)}`, scopes, organisationId } },
    );
    return system.anonymous.withToken(made.createApiKey.secret);
  };

  it('lists each card that must be denied everywhere with its reasons, and who is due within 24 h', async () => {
    const { id: org } = await g.organisation();
    const now = new Date();
    const inLoop = await arrivedAt(org, now);
    const dueSoon = await arrivedAt(org, hoursFrom(now, -30));
    const overdue = await arrivedAt(org, hoursFrom(now, -50));
    const isolated = await arrivedAt(org, now);
    await g.testResult(isolated.id, new Date(), 'POSITIVE');
    const notArrived = await g.approvedPerson(org);
    const submitted = await g.person(org);
    const departed = await arrivedAt(org, hoursFrom(now, -1));
    await system.admin.query(
      `mutation($input: DepartureInput!) { processDeparture(input: $input) { status } }`,
      { input: { id: randomUUID(), areaCode: port.code, cardNumber: departed.cardNumber } },
    );
    const suspended = await arrivedAt(org, now);
    await changeStatus(system, 'suspend', suspended.accreditationId);
    const revoked = await arrivedAt(org, now);
    await changeStatus(system, 'revoke', revoked.accreditationId);
    const reissued = await arrivedAt(org, now);
    await system.admin.query('mutation($id: ID!) { reissueCard(id: $id) { id } }', {
      id: reissued.accreditationId,
    });

    const list = await listAs(inspector);
    const due = async (personId: string) => (await g.loop(personId)).testDueBy;
    const entry = (p: { cardNumber: string }) => {
      const e = list.get(p.cardNumber);
      assert.ok(e, `${p.cardNumber} is listed`);
      return { status: e.status, tokenVersion: e.tokenVersion, reasons: e.reasons };
    };

    assert.equal(list.has(inLoop.cardNumber), false, 'in the loop, next test in 48 h');
    assert.deepEqual(list.get(dueSoon.cardNumber), {
      cardNumber: dueSoon.cardNumber,
      tokenVersion: 1,
      status: 'ACTIVE',
      reasons: [],
      testDueBy: await due(dueSoon.id),
    });
    assert.ok(Date.parse(list.get(dueSoon.cardNumber)!.testDueBy!) < Date.now() + 24 * HOUR);
    assert.deepEqual(entry(overdue).reasons, ['TEST_OVERDUE']);
    assert.equal(list.get(overdue.cardNumber)?.testDueBy, await due(overdue.id));
    assert.deepEqual(entry(isolated).reasons, ['ISOLATED']);
    assert.deepEqual(entry(notArrived), {
      status: 'APPROVED',
      tokenVersion: 1,
      reasons: ['NOT_ACTIVE', 'NOT_IN_CLOSED_LOOP'],
    });
    assert.equal(list.get(notArrived.cardNumber)?.testDueBy, null);
    assert.deepEqual(entry(submitted), {
      status: 'SUBMITTED',
      tokenVersion: 0, // no card token signed yet
      reasons: ['NOT_ACTIVE', 'NOT_IN_CLOSED_LOOP'],
    });
    assert.deepEqual(entry(departed).reasons, ['NOT_IN_CLOSED_LOOP']);
    assert.deepEqual(entry(suspended), {
      status: 'SUSPENDED',
      tokenVersion: 1,
      reasons: ['SUSPENDED'],
    });
    assert.deepEqual(entry(revoked), { status: 'REVOKED', tokenVersion: 1, reasons: ['REVOKED'] });
    assert.deepEqual(entry(reissued), { status: 'ACTIVE', tokenVersion: 2, reasons: [] });
    const cards = [...list.keys()];
    assert.deepEqual(cards, [...cards].sort(), 'in card number order');

    // The reasons are the ones a scan at a closed-loop gate gets, where the card gives access.
    for (const p of [overdue, isolated, notArrived, departed, suspended, revoked]) {
      const scan = await g.checkIn({ areaCode: gate.code, cardNumber: p.cardNumber }, inspector);
      assert.deepEqual(scan.reasons, list.get(p.cardNumber)?.reasons, p.cardNumber);
    }
  });

  it("shows an organisation-bound scanner key its organisation's cards only", async () => {
    const [a, b] = [await g.organisation(), await g.organisation()];
    const ofA = await g.approvedPerson(a.id);
    const ofB = await g.approvedPerson(b.id);
    const seenBy = async (client: GraphQLClient) => {
      const list = await listAs(client);
      return [list.has(ofA.cardNumber), list.has(ofB.cardNumber)];
    };
    assert.deepEqual(await seenBy(inspector), [true, true]);
    assert.deepEqual(await seenBy(await key(['CHECKIN_WRITE'])), [true, true]);
    assert.deepEqual(await seenBy(await key(['CHECKIN_WRITE'], a.id)), [true, false]);
    const keyOfB = await key(['CHECKIN_WRITE'], b.id);
    assert.deepEqual(await seenBy(keyOfB), [false, true]);
    for (const e of (await listAs(keyOfB)).values()) {
      assert.notEqual(e.cardNumber, ofA.cardNumber);
    }
  });

  it('is refused to those who do not run gates', async () => {
    const code = async (client: GraphQLClient) =>
      (await client.errors('{ cardDenyList { cardNumber } }'))[0]?.extensions?.code;
    assert.equal(await code(await g.user(['VIEWER'])), 'FORBIDDEN');
    assert.equal(await code(await g.user(['HEALTH_OFFICER'])), 'FORBIDDEN');
    assert.equal(await code(await key(['HEALTH_WRITE'])), 'FORBIDDEN');
    assert.equal(await code(system.anonymous), 'UNAUTHENTICATED');
  });
});

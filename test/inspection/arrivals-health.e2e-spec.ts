import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { cardNumberFor } from '#libs/accreditation/card-number.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import {
  changeStatus,
  hoursFrom,
  inspection,
  LOOP_FIELDS,
  type LoopView,
} from '#test/inspection/support.js';

const HOUR = 3_600_000;

/** Ports of entry, the test clock, isolation and close contacts, through the gateway. */
describe('arrivals, departures and health through the gateway', () => {
  let system: RunningSystem;
  let g: ReturnType<typeof inspection>;
  let organisationId: string;
  let port: { code: string };
  before(async () => {
    system = await startSystem({
      label: 'inspection_health',
      env: { TEST_INTERVAL_HOURS: '24', CLOSE_CONTACT_DAYS: '7' },
    });
    g = inspection(system);
    organisationId = (await g.organisation()).id;
    port = await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
  });
  after(() => system?.stop());

  const arrival = (input: Record<string, unknown>, client: GraphQLClient = system.admin) =>
    client.request<{
      processArrival: {
        id: string;
        decision: string;
        reasons: string[];
        replayed: boolean;
        person: { id: string } | null;
        arrivedAt: string;
      };
    }>(
      `mutation($input: ArrivalInput!) { processArrival(input: $input) { id decision reasons replayed arrivedAt person { id } area { code } } }`,
      { input: { id: randomUUID(), areaCode: port.code, ...input } },
    );
  const departure = (input: Record<string, unknown>) =>
    system.admin.query<{ processDeparture: LoopView }>(
      `mutation($input: DepartureInput!) { processDeparture(input: $input) { ${LOOP_FIELDS} } }`,
      { input: { id: randomUUID(), areaCode: port.code, ...input } },
    );
  const read = async (personId: string, client: GraphQLClient = system.admin) =>
    (
      await client.query<{
        person: {
          accreditation: { status: string };
          closedLoop: LoopView;
          movements: { nodes: { kind: string; location: string; occurredAt: string }[] };
        };
      }>(
        `query($id: ID!) { person(id: $id) { accreditation { status } closedLoop { ${LOOP_FIELDS} }
           movements(first: 100) { nodes { kind location occurredAt } } } }`,
        { id: personId },
      )
    ).person;

  describe('arrivals at a port of entry', () => {
    it('denies each rule alone and together, and changes nothing', async () => {
      const reasonsOf = async (input: Record<string, unknown>) => {
        const result = await arrival(input);
        assert.deepEqual(result.errors, undefined);
        assert.equal(result.data?.processArrival.decision, 'DENIED');
        return result.data?.processArrival.reasons;
      };
      assert.deepEqual(
        await reasonsOf({ cardNumber: cardNumberFor(9_999_998), documentNumber: 'E1' }),
        ['UNKNOWN_CARD'],
      );

      const approved = await g.person(organisationId, {
        validUntil: new Date(Date.now() + 2 * HOUR).toISOString(),
      });
      await g.approve(approved.accreditationId);
      assert.deepEqual(
        await reasonsOf({ cardNumber: approved.cardNumber, documentNumber: 'WRONG1' }),
        ['DOCUMENT_MISMATCH'],
      );
      const late = new Date(Date.now() + 3 * HOUR).toISOString();
      assert.deepEqual(
        await reasonsOf({
          cardNumber: approved.cardNumber,
          documentNumber: approved.documentNumber,
          arrivedAt: late,
        }),
        ['OUTSIDE_VALIDITY'],
      );
      assert.deepEqual(
        await reasonsOf({
          cardNumber: approved.cardNumber,
          documentNumber: 'WRONG1',
          arrivedAt: late,
        }),
        ['DOCUMENT_MISMATCH', 'OUTSIDE_VALIDITY'],
      );

      const submitted = await g.person(organisationId);
      assert.deepEqual(
        await reasonsOf({
          cardNumber: submitted.cardNumber,
          documentNumber: submitted.documentNumber,
        }),
        ['NOT_APPROVED'],
      );

      const suspended = await g.person(organisationId);
      await g.approve(suspended.accreditationId);
      await changeStatus(system, 'suspend', suspended.accreditationId);
      assert.deepEqual(
        await reasonsOf({
          cardNumber: suspended.cardNumber,
          documentNumber: suspended.documentNumber,
        }),
        ['SUSPENDED'],
      );

      const revoked = await g.person(organisationId);
      await g.approve(revoked.accreditationId);
      await changeStatus(system, 'revoke', revoked.accreditationId);
      assert.deepEqual(
        await reasonsOf({ cardNumber: revoked.cardNumber, documentNumber: revoked.documentNumber }),
        ['REVOKED'],
      );

      const after = await read(approved.id);
      assert.equal(after.accreditation.status, 'APPROVED');
      assert.equal(after.closedLoop.status, 'OUTSIDE');
      assert.deepEqual(after.movements.nodes, []);
    });

    it('admits: ACTIVE, IN_LOOP, the test clock started, an ENTRY at the port; replays by id; other content is a CONFLICT', async () => {
      const person = await g.person(organisationId);
      await g.approve(person.accreditationId);
      const arrivedAt = new Date(Date.now() - 60_000).toISOString();
      const input = {
        id: randomUUID(),
        cardNumber: person.cardNumber,
        documentNumber: person.documentNumber.toLowerCase(),
        flightNumber: 'CA123',
        arrivedAt,
      };
      const first = await arrival(input);
      assert.deepEqual(
        [
          first.data?.processArrival.decision,
          first.data?.processArrival.reasons,
          first.data?.processArrival.person?.id,
        ],
        ['ADMITTED', [], person.id],
      );
      const state = await read(person.id);
      assert.equal(state.accreditation.status, 'ACTIVE');
      assert.equal(state.closedLoop.status, 'IN_LOOP');
      assert.equal(state.closedLoop.enteredAt, arrivedAt);
      assert.equal(state.closedLoop.testDueBy, hoursFrom(new Date(arrivedAt), 24).toISOString());
      assert.deepEqual(
        state.movements.nodes.map((m) => [m.kind, m.location, m.occurredAt]),
        [['ENTRY', port.code, arrivedAt]],
      );

      const again = await arrival(input);
      assert.equal(again.data?.processArrival.replayed, true);
      assert.equal((await read(person.id)).movements.nodes.length, 1);
      const other = await arrival({ ...input, flightNumber: 'CA124' });
      assert.equal(other.errors?.[0].extensions?.code, 'CONFLICT');

      const venue = await g.area();
      const wrongPlace = await arrival({
        cardNumber: person.cardNumber,
        documentNumber: person.documentNumber,
        areaCode: venue.code,
      });
      assert.equal(wrongPlace.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
    });

    it('an arrival and scans of the same card at the same moment all complete, without deadlock', async () => {
      const person = await g.person(organisationId);
      await g.approve(person.accreditationId);
      const gate = await g.area();
      const [arrived, ...scans] = await Promise.all([
        arrival({ cardNumber: person.cardNumber, documentNumber: person.documentNumber }),
        ...Array.from({ length: 5 }, () =>
          system.admin.request(
            `mutation($input: CheckInInput!) { checkIn(input: $input) { decision } }`,
            {
              input: {
                id: randomUUID(),
                areaCode: gate.code,
                direction: 'IN',
                cardNumber: person.cardNumber,
              },
            },
          ),
        ),
      ]);
      assert.deepEqual(arrived.errors, undefined);
      assert.equal(arrived.data?.processArrival.decision, 'ADMITTED');
      for (const scan of scans) assert.deepEqual(scan.errors, undefined);
    });

    it('records a departure: EXITED and an EXIT, once per id', async () => {
      const person = await g.arrivedPerson(organisationId);
      const id = randomUUID();
      const left = await departure({ id, cardNumber: person.cardNumber });
      assert.equal(left.processDeparture.status, 'EXITED');
      assert.equal(
        (await departure({ id, cardNumber: person.cardNumber })).processDeparture.status,
        'EXITED',
      );
      const state = await read(person.id);
      assert.equal(state.closedLoop.status, 'EXITED');
      assert.deepEqual(state.movements.nodes.map((m) => m.kind).sort(), ['ENTRY', 'EXIT']);
    });
  });

  describe('the test clock', () => {
    it('a negative result moves testDueBy to sampledAt + 24 h; an older one changes nothing; replays are idempotent', async () => {
      const { person, gate } = await g.personAtGate();
      const sampledAt = new Date(Date.now() + 2 * 60_000);
      const id = randomUUID();
      const after = await g.testResult(person.id, sampledAt, 'NEGATIVE', id);
      assert.equal(after.lastNegativeTestAt, sampledAt.toISOString());
      assert.equal(after.testDueBy, hoursFrom(sampledAt, 24).toISOString());
      assert.deepEqual(await g.testResult(person.id, sampledAt, 'NEGATIVE', id), after);
      const [conflict] = await system.admin.errors(
        `mutation($input: TestResultInput!) { recordTestResult(input: $input) { status } }`,
        {
          input: {
            id,
            personId: person.id,
            sampledAt: sampledAt.toISOString(),
            result: 'POSITIVE',
          },
        },
      );
      assert.equal(conflict.extensions?.code, 'CONFLICT');
      const older = await g.testResult(
        person.id,
        new Date(sampledAt.getTime() - 60_000),
        'NEGATIVE',
      );
      assert.deepEqual(older, after, 'a negative older than the latest changes nothing');

      const scanAt = async (at: Date) =>
        (
          await g.checkIn({
            areaCode: gate.code,
            cardNumber: person.cardNumber,
            scannedAt: at.toISOString(),
          })
        ).reasons;
      assert.deepEqual(await scanAt(hoursFrom(sampledAt, 25)), ['TEST_OVERDUE']);
    });

    it('a positive result isolates; release returns the person IN_LOOP; only the isolated can be released', async () => {
      const { person, gate } = await g.personAtGate();
      assert.equal((await g.testResult(person.id, new Date(), 'POSITIVE')).status, 'ISOLATED');
      const release = (client: GraphQLClient = system.admin) =>
        client.request<{ releaseFromIsolation: LoopView }>(
          `mutation($id: ID!) { releaseFromIsolation(personId: $id, reason: "two negative PCR tests") { ${LOOP_FIELDS} } }`,
          { id: person.id },
        );
      assert.equal((await release()).data?.releaseFromIsolation.status, 'IN_LOOP');
      assert.equal((await release()).errors?.[0].extensions?.code, 'CONFLICT');
      assert.deepEqual(
        (await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber })).reasons,
        [],
      );
      const [blank] = await system.admin.errors(
        `mutation($id: ID!) { releaseFromIsolation(personId: $id, reason: " ") { status } }`,
        { id: person.id },
      );
      assert.equal(blank.extensions?.code, 'BAD_USER_INPUT');
    });
  });

  describe('close contacts', () => {
    it('designates the movement log contacts CLOSE_CONTACT for 7 days; the isolated stay isolated; tests fall due after 12 h', async () => {
      const { person: subject, gate } = await g.personAtGate();
      const near = await g.arrivedPerson(organisationId);
      const isolated = await g.arrivedPerson(organisationId);
      const brief = await g.arrivedPerson(organisationId);
      const t0 = new Date(Date.now() - 3 * HOUR);
      const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000).toISOString();
      const stay = async (cardNumber: string, from: number, until: number) => {
        await g.checkIn({ areaCode: gate.code, cardNumber, scannedAt: at(from) });
        await g.checkIn({
          areaCode: gate.code,
          cardNumber,
          scannedAt: at(until),
          direction: 'OUT',
        });
      };
      await stay(subject.cardNumber, 0, 60);
      await stay(near.cardNumber, 10, 50);
      await stay(isolated.cardNumber, 30, 90);
      await stay(brief.cardNumber, 0, 5);
      await g.testResult(isolated.id, new Date(), 'POSITIVE');

      const tracer = await g.user(['TRACER']);
      const before = Date.now();
      const data = await tracer.query<{
        designateCloseContacts: {
          person: { id: string };
          totalMinutes: number;
          encounters: { location: string; from: string; until: string; minutes: number }[];
        }[];
      }>(
        `mutation($id: ID!, $from: DateTime!, $to: DateTime!) {
           designateCloseContacts(personId: $id, from: $from, to: $to) {
             person { id } totalMinutes encounters { location from until minutes } } }`,
        { id: subject.id, from: at(-60), to: at(120) },
      );
      const contacts = data.designateCloseContacts;
      assert.deepEqual(
        contacts.map((c) => [c.person.id, c.totalMinutes]),
        [
          [near.id, 40],
          [isolated.id, 30],
        ],
      );
      assert.deepEqual(contacts[0].encounters, [
        { location: gate.code, from: at(10), until: at(50), minutes: 40 },
      ]);

      const nearState = await g.loop(near.id);
      assert.equal(nearState.status, 'CLOSE_CONTACT');
      const until = Date.parse(nearState.closeContactUntil as string);
      assert.ok(
        until >= before + 7 * 24 * HOUR && until <= Date.now() + 7 * 24 * HOUR,
        'until now + 7 days',
      );
      assert.equal((await g.loop(isolated.id)).status, 'ISOLATED');
      assert.equal((await g.loop(brief.id)).status, 'IN_LOOP');
      assert.equal((await g.loop(subject.id)).status, 'IN_LOOP');

      const sampledAt = new Date();
      const tested = await g.testResult(near.id, sampledAt, 'NEGATIVE');
      assert.equal(tested.status, 'CLOSE_CONTACT');
      assert.equal(tested.testDueBy, hoursFrom(sampledAt, 12).toISOString());

      const released = await system.admin.query<{ releaseFromIsolation: LoopView }>(
        `mutation($id: ID!) { releaseFromIsolation(personId: $id, reason: "recovered") { status } }`,
        { id: isolated.id },
      );
      assert.equal(
        released.releaseFromIsolation.status,
        'CLOSE_CONTACT',
        'released within the close-contact time',
      );
    });
  });

  describe('roles', () => {
    it('each desk does its own work and no other', async () => {
      const { person } = await g.personAtGate();
      const inspector = await g.user(['INSPECTION_OFFICER']);
      const health = await g.user(['HEALTH_OFFICER']);
      const tracer = await g.user(['TRACER']);
      const viewer = await g.user(['VIEWER']);
      const code = async (
        client: GraphQLClient,
        query: string,
        variables: Record<string, unknown>,
      ) => (await client.request(query, variables)).errors?.[0]?.extensions?.code ?? 'OK';
      const test = `mutation($input: TestResultInput!) { recordTestResult(input: $input) { status } }`;
      const testInput = () => ({
        input: {
          id: randomUUID(),
          personId: person.id,
          sampledAt: new Date().toISOString(),
          result: 'NEGATIVE',
        },
      });
      const release = `mutation($id: ID!) { releaseFromIsolation(personId: $id, reason: "x") { status } }`;
      const designate = `mutation($id: ID!, $from: DateTime!, $to: DateTime!) { designateCloseContacts(personId: $id, from: $from, to: $to) { totalMinutes } }`;
      const window = {
        id: person.id,
        from: new Date(Date.now() - HOUR).toISOString(),
        to: new Date().toISOString(),
      };
      const arrive = `mutation($input: ArrivalInput!) { processArrival(input: $input) { decision } }`;
      const arriveInput = () => ({
        input: {
          id: randomUUID(),
          areaCode: port.code,
          cardNumber: person.cardNumber,
          documentNumber: person.documentNumber,
        },
      });

      assert.equal(await code(health, test, testInput()), 'OK');
      assert.equal(await code(inspector, test, testInput()), 'FORBIDDEN');
      assert.equal(await code(tracer, test, testInput()), 'FORBIDDEN');
      assert.equal(await code(tracer, release, { id: person.id }), 'FORBIDDEN');
      assert.equal(await code(inspector, release, { id: person.id }), 'FORBIDDEN');
      assert.equal(
        await code(health, release, { id: person.id }),
        'CONFLICT',
        'allowed, but the person is not isolated',
      );
      assert.equal(await code(health, designate, window), 'FORBIDDEN');
      assert.equal(await code(inspector, designate, window), 'FORBIDDEN');
      assert.equal(await code(tracer, designate, window), 'OK');
      assert.equal(await code(inspector, arrive, arriveInput()), 'OK');
      assert.equal(await code(health, arrive, arriveInput()), 'FORBIDDEN');
      assert.equal(await code(viewer, arrive, arriveInput()), 'FORBIDDEN');

      const key = async (scopes: string[]) => {
        const made = await system.admin.query<{ createApiKey: { secret: string } }>(
          `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
          { input: { name: `lab-${randomUUID().slice(0, 8)}`, scopes } },
        );
        return system.anonymous.withToken(made.createApiKey.secret);
      };
      assert.equal(await code(await key(['HEALTH_WRITE']), test, testInput()), 'OK');
      assert.equal(await code(await key(['CHECKIN_WRITE']), test, testInput()), 'FORBIDDEN');

      const loopAs = async (client: GraphQLClient) =>
        (
          await client.query<{ person: { closedLoop: LoopView } }>(
            `query($id: ID!) { person(id: $id) { closedLoop { ${LOOP_FIELDS} } } }`,
            { id: person.id },
          )
        ).person.closedLoop;
      const hidden = await loopAs(viewer);
      assert.equal(hidden.status, 'IN_LOOP');
      assert.deepEqual(
        [hidden.testDueBy, hidden.lastNegativeTestAt],
        [null, null],
        'health data hidden from a VIEWER',
      );
      assert.ok((await loopAs(health)).testDueBy);
    });
  });
});

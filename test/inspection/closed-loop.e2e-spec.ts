import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { connect } from '#test/accreditation/support.js';
import { eventually } from '#test/support/eventually.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { hoursFrom, inspection, LOOP_FIELDS, type LoopView } from '#test/inspection/support.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Answer = LoopView & { stateChanged: boolean | null };

/**
 * The closed loop's safety rules through the gateway (DESIGN.md "Health"), time moved by
 * the services' injectable clock: no sleeps. One system of its own, since the clock
 * moves for everyone in it.
 */
describe('the closed loop through the gateway, on the test clock', () => {
  let system: RunningSystem;
  let g: ReturnType<typeof inspection>;
  let organisationId: string;
  let db: pg.Client;
  before(async () => {
    system = await startSystem({
      label: 'inspection_closed_loop',
      env: { TEST_INTERVAL_HOURS: '24', CLOSE_CONTACT_DAYS: '7', CLOSE_CONTACT_SWEEP_SECONDS: '1' },
    });
    g = inspection(system);
    organisationId = (await g.organisation()).id;
    db = await connect(system.databaseUrl);
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  const now = () => system.clock.advance(0);
  const record = (
    personId: string,
    sampledAt: Date,
    result: 'NEGATIVE' | 'POSITIVE',
    client: GraphQLClient = system.admin,
    id = randomUUID(),
  ) =>
    client.request<{ recordTestResult: Answer }>(
      `mutation($input: TestResultInput!) { recordTestResult(input: $input) { ${LOOP_FIELDS} stateChanged } }`,
      { input: { id, personId, sampledAt: sampledAt.toISOString(), result } },
    );
  const recorded = async (personId: string, sampledAt: Date, result: 'NEGATIVE' | 'POSITIVE') => {
    const answer = await record(personId, sampledAt, result);
    assert.deepEqual(answer.errors, undefined);
    return answer.data!.recordTestResult;
  };
  const release = (personId: string) =>
    system.admin.request<{ releaseFromIsolation: LoopView }>(
      `mutation($id: ID!) { releaseFromIsolation(personId: $id, reason: "two negative PCR tests") { ${LOOP_FIELDS} } }`,
      { id: personId },
    );
  const history = async (personId: string) =>
    (
      await db.query<{ status: string; reason: string; by: string; at: Date }>(
        `SELECT status, reason, by, at FROM inspection.closed_loop_history
         WHERE person_id = $1 ORDER BY at, id`,
        [personId],
      )
    ).rows;
  const designate = (
    client: GraphQLClient,
    personId: string,
    from: Date,
    to: Date,
    personIds?: string[],
  ) =>
    client.request<{ designateCloseContacts: { person: { id: string }; totalMinutes: number }[] }>(
      `mutation($id: ID!, $from: DateTime!, $to: DateTime!, $ids: [ID!]) {
         designateCloseContacts(personId: $id, from: $from, to: $to, personIds: $ids) {
           person { id } totalMinutes } }`,
      { id: personId, from: from.toISOString(), to: to.toISOString(), ids: personIds },
    );
  /** Two hours together at a gate, ending now: subject and each of the others. */
  async function together(...cardNumbers: string[]) {
    const gate = await g.area();
    const start = new Date((await now()).getTime() - 3 * HOUR);
    for (const cardNumber of cardNumbers) {
      await g.checkIn({ areaCode: gate.code, cardNumber, scannedAt: start.toISOString() });
      await g.checkIn({
        areaCode: gate.code,
        cardNumber,
        direction: 'OUT',
        scannedAt: hoursFrom(start, 2).toISOString(),
      });
    }
    return { from: hoursFrom(start, -1), to: hoursFrom(start, 3) };
  }

  describe('transitions and their history', () => {
    it('arrival, results, release and departure each write who, when and why', async () => {
      const person = await g.arrivedPerson(organisationId);
      const arrivedAt = await now();
      await recorded(person.id, arrivedAt, 'POSITIVE');
      assert.equal((await release(person.id)).data?.releaseFromIsolation.status, 'IN_LOOP');
      const port = await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
      await system.admin.query(
        `mutation($input: DepartureInput!) { processDeparture(input: $input) { status } }`,
        { input: { id: randomUUID(), areaCode: port.code, cardNumber: person.cardNumber } },
      );
      const lines = await history(person.id);
      assert.deepEqual(
        lines.map((l) => l.status),
        ['IN_LOOP', 'ISOLATED', 'IN_LOOP', 'EXITED'],
      );
      assert.match(lines[0].reason, /^arrival at /);
      assert.match(lines[1].reason, /POSITIVE/);
      assert.equal(lines[2].reason, 'released: two negative PCR tests');
      assert.match(lines[3].reason, /^departure at /);
      for (const line of lines) assert.match(line.by, /^user:/);
    });

    it('a close contact expires after 7 days and the test interval goes back to 24 h', async () => {
      const subject = await g.arrivedPerson(organisationId);
      const contact = await g.arrivedPerson(organisationId);
      const window = await together(subject.cardNumber, contact.cardNumber);
      const tracer = await g.user(['TRACER']);
      const designatedAt = await now();
      assert.deepEqual(
        (await designate(tracer, subject.id, window.from, window.to)).errors,
        undefined,
      );
      const watched = await g.loop(contact.id);
      assert.equal(watched.status, 'CLOSE_CONTACT');
      assert.ok(Date.parse(watched.testDueBy!) <= designatedAt.getTime() + 12 * HOUR + 60_000);

      await system.clock.advance(DAY);
      const day1 = await now();
      const tested = await recorded(contact.id, day1, 'NEGATIVE');
      assert.equal(tested.testDueBy, hoursFrom(day1, 12).toISOString(), 'every 12 h while watched');
      assert.equal(tested.stateChanged, true);

      await system.clock.advance(6 * DAY + HOUR);
      assert.equal((await g.loop(contact.id)).status, 'IN_LOOP', 'the 7 days have run out');
      // The expiry sweep stores it too, so the people lists agree.
      await eventually(async () => {
        const { rows } = await db.query<{ status: string }>(
          `SELECT status FROM inspection.closed_loop WHERE person_id = $1`,
          [contact.id],
        );
        assert.equal(rows[0].status, 'IN_LOOP');
      });
      const listed = await system.admin.query<{ people: { nodes: { id: string }[] } }>(
        `query($org: ID) { people(filter: { organisationId: $org, closedLoopStatus: CLOSE_CONTACT }) { nodes { id } } }`,
        { org: organisationId },
      );
      assert.ok(!listed.people.nodes.some((p) => p.id === contact.id));
      const day8 = await now();
      const after = await recorded(contact.id, day8, 'NEGATIVE');
      assert.equal(after.status, 'IN_LOOP');
      assert.equal(after.testDueBy, hoursFrom(day8, 24).toISOString(), 'every 24 h again');
      const lines = await history(contact.id);
      const endings = lines.filter((l) => l.reason === 'close contact period ended');
      assert.equal(endings.length, 1, 'the expiry is in the history, once');
      const [ended] = endings;
      assert.equal(ended.by, 'system');
      assert.equal(ended.at.toISOString(), watched.closeContactUntil);
    });
  });

  describe('results', () => {
    it('a POSITIVE sampled before the latest sample still isolates; NEGATIVE never releases; only release does', async () => {
      const person = await g.arrivedPerson(organisationId);
      const t = await now();
      await recorded(person.id, t, 'NEGATIVE');
      const late = await recorded(person.id, new Date(t.getTime() - HOUR), 'POSITIVE');
      assert.equal(late.status, 'ISOLATED');
      assert.equal(late.stateChanged, true);
      const gate = await g.area();
      assert.deepEqual(
        (await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber })).reasons,
        ['ISOLATED'],
      );
      const negative = await recorded(person.id, await now(), 'NEGATIVE');
      assert.equal(negative.status, 'ISOLATED', 'a negative never releases');
      const again = await recorded(person.id, t, 'POSITIVE');
      assert.equal(again.stateChanged, false, 'already isolated');
      assert.equal((await release(person.id)).data?.releaseFromIsolation.status, 'IN_LOOP');
    });

    it('a NEGATIVE older than the latest sample is kept and moves nothing', async () => {
      const person = await g.arrivedPerson(organisationId);
      const t = await now();
      const first = await recorded(person.id, t, 'NEGATIVE');
      const older = await recorded(person.id, new Date(t.getTime() - HOUR), 'NEGATIVE');
      assert.equal(older.stateChanged, false);
      assert.equal(older.testDueBy, first.testDueBy);
      const { rows } = await db.query(
        `SELECT 1 FROM inspection.test_results WHERE person_id = $1`,
        [person.id],
      );
      assert.equal(rows.length, 2, 'both results are kept');
    });

    it('a POSITIVE after departure does not isolate', async () => {
      const person = await g.arrivedPerson(organisationId);
      const port = await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
      await system.admin.query(
        `mutation($input: DepartureInput!) { processDeparture(input: $input) { status } }`,
        { input: { id: randomUUID(), areaCode: port.code, cardNumber: person.cardNumber } },
      );
      const answer = await recorded(
        person.id,
        new Date((await now()).getTime() - HOUR),
        'POSITIVE',
      );
      assert.equal(answer.status, 'EXITED');
      assert.equal(answer.stateChanged, false);
    });

    it('sampledAt more than 5 minutes ahead of the clock, or before the accreditation, is BAD_USER_INPUT naming it', async () => {
      const person = await g.arrivedPerson(organisationId);
      const t = await now();
      const ahead = await record(person.id, new Date(t.getTime() + 2 * DAY), 'NEGATIVE');
      assert.equal(ahead.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
      assert.deepEqual(
        (ahead.errors?.[0].extensions?.fields as { field: string }[]).map((f) => f.field),
        ['input.sampledAt'],
      );
      const early = await record(person.id, new Date(Date.now() - 30 * DAY), 'POSITIVE');
      assert.equal(early.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
      assert.match(
        JSON.stringify(early.errors?.[0].extensions?.fields),
        /input\.sampledAt.*accreditation/,
      );
      assert.equal((await g.loop(person.id)).status, 'IN_LOOP', 'nothing was recorded');
      const drift = await recorded(person.id, new Date(t.getTime() + 4 * 60_000), 'NEGATIVE');
      assert.equal(drift.stateChanged, true, 'a few minutes of lab clock drift is accepted');
    });
  });

  describe('designateCloseContacts', () => {
    it('designates only the chosen contacts, each of whom must be one; next test within 12 h', async () => {
      const subject = await g.arrivedPerson(organisationId);
      const chosen = await g.arrivedPerson(organisationId);
      const spared = await g.arrivedPerson(organisationId);
      const stranger = await g.arrivedPerson(organisationId);
      const window = await together(subject.cardNumber, chosen.cardNumber, spared.cardNumber);
      const tracer = await g.user(['TRACER']);
      const refused = await designate(tracer, subject.id, window.from, window.to, [
        chosen.id,
        stranger.id,
      ]);
      assert.equal(refused.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
      assert.deepEqual(
        (refused.errors?.[0].extensions?.fields as { field: string }[]).map((f) => f.field),
        ['personIds[1]'],
      );
      assert.equal((await g.loop(chosen.id)).status, 'IN_LOOP', 'all or nothing');

      const designatedAt = await now();
      const done = await designate(tracer, subject.id, window.from, window.to, [chosen.id]);
      assert.deepEqual(
        done.data?.designateCloseContacts.map((c) => c.person.id),
        [chosen.id],
      );
      const state = await g.loop(chosen.id);
      assert.equal(state.status, 'CLOSE_CONTACT');
      assert.ok(Date.parse(state.testDueBy!) <= designatedAt.getTime() + 12 * HOUR + 60_000);
      assert.equal((await g.loop(spared.id)).status, 'IN_LOOP');
      const inspector = await g.user(['INSPECTION_OFFICER']);
      assert.equal(
        (await designate(inspector, subject.id, window.from, window.to, [spared.id])).errors?.[0]
          .extensions?.code,
        'FORBIDDEN',
      );
    });
  });

  describe('testsDue', () => {
    const TESTS_DUE = `query($before: DateTime!, $org: ID, $first: Int, $after: String) {
      testsDue(before: $before, organisationId: $org, first: $first, after: $after) {
        nodes { id closedLoop { testDueBy } } pageInfo { hasNextPage endCursor } totalCount } }`;
    type Due = {
      testsDue: {
        nodes: { id: string; closedLoop: { testDueBy: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        totalCount: number;
      };
    };

    it('lists who is due soonest first, overdue first, per organisation; pages; HEALTH_OFFICER and HEALTH_WRITE only', async () => {
      const org = (await g.organisation()).id;
      const early = await g.arrivedPerson(org);
      const later = await g.arrivedPerson(org);
      const isolated = await g.arrivedPerson(org);
      await recorded(isolated.id, await now(), 'POSITIVE');
      await recorded(later.id, await now(), 'NEGATIVE');
      await g.arrivedPerson(organisationId); // another organisation's
      const health = await g.user(['HEALTH_OFFICER']);
      const before = hoursFrom(await now(), 30);
      const all = await health.query<Due>(TESTS_DUE, { before: before.toISOString(), org });
      assert.deepEqual(
        all.testsDue.nodes.map((n) => n.id),
        [early.id, later.id],
      );
      assert.equal(all.testsDue.totalCount, 2);
      await eventually(async () => {
        const { rows } = await db.query(
          `SELECT 1 FROM audit.events WHERE action = 'read:testsDue' AND person_id = $1`,
          [early.id],
        );
        assert.ok(rows.length > 0, 'reading who is due a test is audited');
      });
      const dues = all.testsDue.nodes.map((n) => Date.parse(n.closedLoop.testDueBy));
      assert.ok(dues[0] <= dues[1]);

      const page1 = await health.query<Due>(TESTS_DUE, {
        before: before.toISOString(),
        org,
        first: 1,
      });
      assert.deepEqual(
        page1.testsDue.nodes.map((n) => n.id),
        [early.id],
      );
      const page2 = await health.query<Due>(TESTS_DUE, {
        before: before.toISOString(),
        org,
        first: 1,
        after: page1.testsDue.pageInfo.endCursor,
      });
      assert.deepEqual(
        page2.testsDue.nodes.map((n) => n.id),
        [later.id],
      );

      // Past early's due date: they are overdue and first.
      await system.clock.advance(25 * HOUR);
      const overdue = await health.query<Due>(TESTS_DUE, {
        before: hoursFrom(await now(), 1).toISOString(),
        org,
      });
      assert.equal(overdue.testsDue.nodes[0].id, early.id);

      const soon = await health.query<Due>(TESTS_DUE, {
        before: new Date(dues[0] - 1).toISOString(),
        org,
      });
      assert.deepEqual(soon.testsDue.nodes, [], 'nobody due before the earliest due date');

      const tracer = await g.user(['TRACER']);
      const [forbidden] = await tracer.errors(TESTS_DUE, { before: before.toISOString() });
      assert.equal(forbidden.extensions?.code, 'FORBIDDEN');
      const key = await system.admin.query<{ createApiKey: { secret: string } }>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
        {
          input: {
            name: `lab-${randomUUID().slice(0, 8)}`,
            scopes: ['HEALTH_WRITE'],
            organisationId: org,
          },
        },
      );
      const lab = system.anonymous.withToken(key.createApiKey.secret);
      const scoped = await lab.query<Due>(TESTS_DUE, { before: before.toISOString() });
      assert.deepEqual(
        scoped.testsDue.nodes.map((n) => n.id).sort(),
        [early.id, later.id].sort(),
        "a key bound to an organisation sees only that organisation's people",
      );
    });
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ADMIN_EMAIL, startSystem, type RunningSystem } from '#tools/in-process-system.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { inspection } from '#test/inspection/support.js';

const ANNUL = `mutation($id: ID!, $reason: String!) {
  annulCheckIn(id: $id, reason: $reason) { id decision annulment { at by reason } } }`;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** annulCheckIn through the gateway: what an annulled scan no longer counts for, and who may annul what. */
describe('annulling a mistaken scan', () => {
  let system: RunningSystem;
  let g: ReturnType<typeof inspection>;
  let officer: GraphQLClient;
  before(async () => {
    system = await startSystem({ label: 'inspection_annulments' });
    g = inspection(system);
    officer = await g.user(['INSPECTION_OFFICER']);
  });
  after(() => system?.stop());

  const annul = (id: string, reason: string, as: GraphQLClient = officer) =>
    as.request<{ annulCheckIn: { annulment: { by: string; reason: string } | null } }>(ANNUL, {
      id,
      reason,
    });
  const codeOf = (answer: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    answer.errors?.[0]?.extensions?.code;

  const occupancy = async (code: string) =>
    (
      await system.admin.query<{ inspectionArea: { occupancy: number } }>(
        `query($code: String!) { inspectionArea(code: $code) { occupancy } }`,
        { code },
      )
    ).inspectionArea.occupancy;
  const presentAt = async (location: string) =>
    (
      await system.admin.query<{ presentAt: { nodes: { person: { id: string } }[] } }>(
        `query($l: String!) { presentAt(location: $l) { nodes { person { id } } } }`,
        { l: location },
      )
    ).presentAt.nodes.map((n) => n.person.id);
  const staysOf = async (personId: string) =>
    (
      await system.admin.query<{
        stays: { location: string; from: string; until: string | null }[];
      }>(
        `query($p: ID!, $from: DateTime!, $to: DateTime!) { stays(personId: $p, from: $from, to: $to) { location from until } }`,
        { p: personId, from: minutesAgo(24 * 60), to: minutesAgo(-5) },
      )
    ).stays;
  const contactIds = async (personId: string) =>
    (
      await system.admin.query<{ contacts: { person: { id: string }; totalMinutes: number }[] }>(
        `query($p: ID!, $from: DateTime!, $to: DateTime!) {
           contacts(personId: $p, from: $from, to: $to, minMinutes: 15) { person { id } totalMinutes } }`,
        // Stays still open count until the window's end: an hour from now.
        { p: personId, from: minutesAgo(180), to: minutesAgo(-60) },
      )
    ).contacts.map((c) => c.person.id);

  it('undoes an admitted entry: no longer inside, in no stay, no one’s contact; the scan is kept and marked', async () => {
    const { person, gate } = await g.personAtGate();
    const other = await g.arrivedPerson((await g.organisation()).id, {
      venues: ['NST'],
      zones: ['1'],
    });
    const staysBefore = await staysOf(person.id);
    await g.checkIn({
      areaCode: gate.code,
      cardNumber: other.cardNumber,
    });
    const wrong = await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber });
    assert.equal(wrong.decision, 'ADMITTED');
    assert.equal(await occupancy(gate.code), 2);
    assert.deepEqual(await contactIds(person.id), [other.id]);

    const answer = await annul(wrong.id, 'Scanned the wrong card');
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    assert.equal(answer.data?.annulCheckIn.annulment?.reason, 'Scanned the wrong card');
    assert.match(answer.data?.annulCheckIn.annulment?.by ?? '', /@games\.test$/);

    assert.equal(await occupancy(gate.code), 1);
    assert.deepEqual(await presentAt(gate.code), [other.id]);
    assert.deepEqual(await staysOf(person.id), staysBefore);
    assert.deepEqual(await contactIds(person.id), []);
    assert.ok(!(await contactIds(other.id)).includes(person.id));
    const listed = await system.admin.query<{
      checkIns: { nodes: { id: string; decision: string; annulment: { by: string } | null }[] };
    }>(`query($p: ID) { checkIns(personId: $p) { nodes { id decision annulment { by } } } }`, {
      p: person.id,
    });
    const kept = listed.checkIns.nodes.find((c) => c.id === wrong.id);
    assert.equal(kept?.decision, 'ADMITTED', 'the check-in itself is kept as it was');
    assert.ok(kept?.annulment, 'and marked');
    const log = await system.admin.query<{ verifyMovementLog: { valid: boolean } }>(
      `{ verifyMovementLog { valid } }`,
    );
    assert.equal(log.verifyMovementLog.valid, true, 'the log still verifies');
  });

  it('undoes an exit: the person is inside again, in one stay', async () => {
    const { person, gate } = await g.personAtGate();
    await g.checkIn({
      areaCode: gate.code,
      cardNumber: person.cardNumber,
    });
    const out = await g.checkIn({
      areaCode: gate.code,
      cardNumber: person.cardNumber,
      direction: 'OUT',
    });
    assert.ok(!(await presentAt(gate.code)).includes(person.id));
    const answer = await annul(out.id, 'Walked back in at once; the exit was a misread');
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    assert.ok((await presentAt(gate.code)).includes(person.id));
    const atGate = (await staysOf(person.id)).filter((s) => s.location === gate.code);
    assert.equal(atGate.length, 1);
    assert.equal(atGate[0].until, null);
  });

  it('marks a denied scan and changes no movement', async () => {
    const { person, gate } = await g.personAtGate({ venues: ['YAN'], zones: ['2'] });
    const denied = await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber });
    assert.equal(denied.decision, 'DENIED');
    const staysBefore = await staysOf(person.id);
    const answer = await annul(denied.id, 'Wrong gate selected on the tablet');
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    assert.deepEqual(await staysOf(person.id), staysBefore);
  });

  it('refuses a second annulment and one after 15 minutes: CONFLICT, nothing appended', async () => {
    const { person, gate } = await g.personAtGate();
    const scan = await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber });
    assert.equal((await annul(scan.id, 'first')).errors, undefined);
    const twice = await annul(scan.id, 'second');
    assert.equal(codeOf(twice), 'CONFLICT');

    const late = await g.checkIn({
      areaCode: gate.code,
      cardNumber: (await g.personAtGate()).person.cardNumber,
    });
    // The scan was recorded 16 minutes ago, as far as the database knows.
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `UPDATE inspection.check_ins SET recorded_at = now() - interval '16 minutes' WHERE id = $1`,
        [late.id],
      );
    } finally {
      await db.end();
    }
    const occupancyBefore = await occupancy(gate.code);
    const tooLate = await annul(late.id, 'too late');
    assert.equal(codeOf(tooLate), 'CONFLICT');
    assert.equal(await occupancy(gate.code), occupancyBefore);
  });

  it('is for inspection officers and admins, with a reason, for a check-in that exists', async () => {
    const { person, gate } = await g.personAtGate();
    const scan = await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber });
    for (const roles of [['VIEWER'], ['TRACER'], ['ACCREDITATION_OFFICER']]) {
      assert.equal(codeOf(await annul(scan.id, 'no', await g.user(roles))), 'FORBIDDEN', roles[0]);
    }
    assert.equal(codeOf(await annul(scan.id, 'no', system.anonymous)), 'UNAUTHENTICATED');
    const blank = await annul(scan.id, '   ');
    assert.equal(codeOf(blank), 'BAD_USER_INPUT');
    assert.equal(
      (blank.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.[0]?.field,
      'reason',
    );
    assert.equal(codeOf(await annul('00000000-0000-4000-8000-000000000000', 'x')), 'NOT_FOUND');
    assert.equal(codeOf(await annul('not-an-id', 'x')), 'BAD_USER_INPUT');
    const byAdmin = await annul(scan.id, 'Admin corrects it', system.admin);
    assert.equal(byAdmin.data?.annulCheckIn.annulment?.by, ADMIN_EMAIL);
  });
});

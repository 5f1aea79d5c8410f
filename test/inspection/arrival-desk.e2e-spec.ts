import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { inspection } from '#test/inspection/support.js';

/** What the arrival desk needs of processArrival: repeats said plainly, flight numbers tidied. */
describe('the arrival desk through the gateway', () => {
  let system: RunningSystem;
  let g: ReturnType<typeof inspection>;
  let organisationId: string;
  let port: { code: string };
  before(async () => {
    system = await startSystem({ label: 'arrival_desk' });
    g = inspection(system);
    organisationId = (await g.organisation()).id;
    port = await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
  });
  after(() => system?.stop());

  const arrival = (input: Record<string, unknown>) =>
    system.admin.request<{
      processArrival: {
        decision: string;
        reasons: string[];
        arrivedAt: string;
        alreadyArrivedAt: string | null;
        replayed: boolean;
      };
    }>(
      `mutation($input: ArrivalInput!) { processArrival(input: $input) { decision reasons arrivedAt alreadyArrivedAt replayed } }`,
      { input: { id: randomUUID(), areaCode: port.code, ...input } },
    );
  const entries = async (personId: string) =>
    (
      await system.admin.query<{ person: { movements: { nodes: { kind: string }[] } } }>(
        `query($id: ID!) { person(id: $id) { movements(first: 100) { nodes { kind } } } }`,
        { id: personId },
      )
    ).person.movements.nodes.filter((m) => m.kind === 'ENTRY').length;

  it('answers a repeat arrival of the same card with when it first arrived, recording nothing again', async () => {
    const person = await g.person(organisationId);
    await g.approve(person.accreditationId);
    const card = { cardNumber: person.cardNumber, documentNumber: person.documentNumber };
    const first = await arrival(card);
    assert.equal(first.data?.processArrival.decision, 'ADMITTED');
    assert.equal(first.data?.processArrival.alreadyArrivedAt, null);

    const id = randomUUID();
    const again = await arrival({ ...card, id });
    assert.deepEqual(again.errors, undefined);
    assert.equal(again.data?.processArrival.decision, 'DENIED');
    assert.deepEqual(again.data?.processArrival.reasons, ['ALREADY_INSIDE']);
    assert.equal(
      Date.parse(again.data?.processArrival.alreadyArrivedAt ?? ''),
      Date.parse(first.data?.processArrival.arrivedAt ?? ''),
    );
    assert.equal(await entries(person.id), 1);

    // The same request replayed gives the same answer.
    const replay = await arrival({ ...card, id });
    assert.equal(replay.data?.processArrival.replayed, true);
    assert.equal(
      replay.data?.processArrival.alreadyArrivedAt,
      again.data?.processArrival.alreadyArrivedAt,
    );
  });

  it('tidies a flight number (spaces, lower case) and refuses a malformed one at its field', async () => {
    const person = await g.person(organisationId);
    await g.approve(person.accreditationId);
    const card = { cardNumber: person.cardNumber, documentNumber: person.documentNumber };
    const bad = await arrival({ ...card, flightNumber: 'SK-4021' });
    assert.equal(bad.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      (bad.errors?.[0].extensions?.fields as { field: string }[]).map((f) => f.field),
      ['flightNumber'],
    );
    const tidy = await arrival({ ...card, flightNumber: ' sk 4021 ' });
    assert.deepEqual(tidy.errors, undefined);
    assert.equal(tidy.data?.processArrival.decision, 'ADMITTED');
  });
});

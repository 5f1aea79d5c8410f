import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type pg from 'pg';
import type { ContactRecord } from '#libs/movement/contacts.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { connect } from '#test/accreditation/support.js';
import { bruteForceContacts, type OracleEvent } from '#test/movement/brute-force.js';
import { given } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';

const HOUR = 3_600_000;
const DAY_S = 24 * 3600;
const ROOMS = ['LODGE-1', 'LODGE-2', 'LODGE-3'];

interface ContactView {
  person: { id: string };
  totalMinutes: number;
  encounters: { location: string; from: string; until: string; minutes: number }[];
}

const asView = (contacts: ContactRecord[]): ContactView[] =>
  contacts.map((c) => ({
    person: { id: c.personId },
    totalMinutes: c.totalMinutes,
    encounters: c.encounters.map((e) => ({
      location: e.location,
      from: e.from.toISOString(),
      until: e.until.toISOString(),
      minutes: e.minutes,
    })),
  }));

/**
 * contacts() and designateCloseContacts through the gateway against the brute-force
 * oracle, on sparse multi-day logs: stays begun days before the window with no event
 * since, events recorded long after they happened. No look-back limit anywhere.
 */
void describe('contact tracing through the gateway, however long ago a stay began', () => {
  let system: RunningSystem;
  let tracer: GraphQLClient;
  let people: string[];
  let db: pg.Client;

  before(async () => {
    system = await startSystem({ label: 'movement_contacts_gateway' });
    const org = await given(system).organisation();
    people = [];
    for (let i = 0; i < 4; i += 1) people.push((await given(system).person(org.id)).id);
    tracer = await given(system).user(['TRACER']);
    db = await connect(system.databaseUrl);
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  async function everything(): Promise<OracleEvent[]> {
    const { rows } = await db.query<{
      id: string;
      person_id: string;
      location: string;
      kind: string;
      occurred_at: Date;
      recorded_at: Date;
    }>(`SELECT id, person_id, location, kind, occurred_at, recorded_at FROM movement.events`);
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      location: r.location,
      kind: r.kind,
      occurredAt: r.occurred_at,
      recordedAt: r.recorded_at,
    }));
  }

  void it('contacts() and designateCloseContacts find what the oracle finds', async () => {
    const event = fc.record({
      p: fc.integer({ min: 0, max: 3 }),
      place: fc.integer({ min: 0, max: ROOMS.length - 1 }),
      exit: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      second: fc.oneof(
        fc.integer({ min: 0, max: 5 * DAY_S }),
        fc.constantFrom(0, DAY_S, 4 * DAY_S + 600),
      ),
      batch: fc.integer({ min: 0, max: 2 }),
    });
    let run = 0;
    let found = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 2, maxLength: 10 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 3 * DAY_S, max: 5 * DAY_S }),
        fc.integer({ min: 600, max: DAY_S }),
        async (events, subject, start, length) => {
          run += 1;
          // Each run on days of its own, in the past; stays left open earlier still count.
          const base = Date.UTC(2025, 0, 1) + run * 6 * 24 * HOUR;
          for (const batch of [0, 1, 2]) {
            const input = events
              .filter((e) => e.batch === batch)
              .map((e) => ({
                id: randomUUID(),
                personId: people[e.p],
                location: ROOMS[e.place],
                kind: e.exit ? 'EXIT' : 'ENTRY',
                occurredAt: new Date(base + e.second * 1000).toISOString(),
              }));
            if (input.length === 0) continue;
            await system.admin.query(
              `mutation($input: [RecordMovementInput!]!) { recordMovements(input: $input) { id } }`,
              { input },
            );
          }
          const from = new Date(base + start * 1000);
          const to = new Date(from.getTime() + length * 1000);
          const expected = asView(
            bruteForceContacts(await everything(), people[subject], from, to, 1),
          );
          const FIELDS = 'person { id } totalMinutes encounters { location from until minutes }';
          const traced = await tracer.query<{ contacts: ContactView[] }>(
            `query($id: ID!, $from: DateTime!, $to: DateTime!) {
               contacts(personId: $id, from: $from, to: $to, minMinutes: 1) { ${FIELDS} } }`,
            { id: people[subject], from: from.toISOString(), to: to.toISOString() },
          );
          assert.deepEqual(traced.contacts, expected);
          // Without encounters asked for (read apart), and the first contacts only.
          const totalsOnly = await tracer.query<{ contacts: ContactView[] }>(
            `query($id: ID!, $from: DateTime!, $to: DateTime!) {
               contacts(personId: $id, from: $from, to: $to, minMinutes: 1) { person { id } totalMinutes } }`,
            { id: people[subject], from: from.toISOString(), to: to.toISOString() },
          );
          assert.deepEqual(
            totalsOnly.contacts,
            expected.map((c) => ({ person: c.person, totalMinutes: c.totalMinutes })),
          );
          const firstOnly = await tracer.query<{ contacts: ContactView[] }>(
            `query($id: ID!, $from: DateTime!, $to: DateTime!) {
               contacts(personId: $id, from: $from, to: $to, minMinutes: 1, first: 1) { ${FIELDS} } }`,
            { id: people[subject], from: from.toISOString(), to: to.toISOString() },
          );
          assert.deepEqual(firstOnly.contacts, expected.slice(0, 1));
          const designated = await tracer.query<{ designateCloseContacts: ContactView[] }>(
            `mutation($id: ID!, $from: DateTime!, $to: DateTime!) {
               designateCloseContacts(personId: $id, from: $from, to: $to, minMinutes: 1) { ${FIELDS} } }`,
            { id: people[subject], from: from.toISOString(), to: to.toISOString() },
          );
          assert.deepEqual(designated.designateCloseContacts, expected);
          if (expected.length > 0) found += 1;
        },
      ),
      { numRuns: 25 },
    );
    assert.ok(found > 5, `only ${found} runs had contacts`);
  });

  void it('refuses a first of less than one contact', async () => {
    const [error] = await tracer.errors(
      `query($id: ID!) {
         contacts(personId: $id, from: "2025-01-01T00:00:00Z", to: "2025-01-02T00:00:00Z", first: 0) {
           totalMinutes } }`,
      { id: people[0] },
    );
    assert.equal(error.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      (error.extensions?.fields as { field: string }[]).map((f) => f.field),
      ['first'],
    );
  });
});

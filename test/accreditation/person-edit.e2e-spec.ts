import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { connect } from '#test/accreditation/support.js';
import { inspection } from '#test/inspection/support.js';

const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) {
  person { id givenName familyName dateOfBirth nationality function documentNumber
    accreditation { status category venues zones validFrom validUntil cardToken } }
  changes { field from to } cardReissued } }`;
const HISTORY = `query($id: ID!) { person(id: $id) { givenName documentNumber accreditation {
  cardToken history { status reason by changes { field from to } } } } }`;

interface Change {
  field: string;
  from: string | null;
  to: string | null;
}
interface Updated {
  updatePerson: {
    person: {
      givenName: string;
      familyName: string;
      function: string;
      documentNumber: string;
      accreditation: { status: string; venues: string[]; zones: string[]; cardToken: string };
    };
    changes: Change[];
    cardReissued: boolean;
  };
}
interface History {
  person: {
    givenName: string;
    documentNumber: string;
    accreditation: {
      cardToken: string | null;
      history: { status: string; reason: string | null; by: string | null; changes: Change[] }[];
    };
  };
}

const fieldsOf = (errors: { extensions?: { fields?: { field: string }[] } }[]) =>
  (errors[0].extensions?.fields ?? []).map((f) => f.field).sort();

describe('updatePerson through the gateway', () => {
  let system: RunningSystem;
  let db: pg.Client;
  let g: ReturnType<typeof inspection>;
  let officer: GraphQLClient;
  let officerEmail: string;
  let organisationId: string;
  before(async () => {
    system = await startSystem({ label: 'person_edit' });
    db = await connect(system.databaseUrl);
    g = inspection(system);
    const account = await g.account(['ACCREDITATION_OFFICER']);
    officer = account.client;
    officerEmail = account.email;
    organisationId = (await g.organisation()).id;
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  const history = async (id: string) =>
    (await officer.query<History>(HISTORY, { id })).person.accreditation.history;

  it('corrects names and function without reissuing the card; the history says who, why and what', async () => {
    const p = await g.approvedPerson(organisationId);
    const { updatePerson } = await officer.query<Updated>(UPDATE, {
      input: {
        personId: p.id,
        reason: 'passport spelling',
        givenName: 'Adah',
        function: 'Coach',
        nationality: 'CHN',
      },
    });
    assert.equal(updatePerson.person.givenName, 'Adah');
    assert.equal(updatePerson.person.function, 'Coach');
    assert.equal(updatePerson.cardReissued, false);
    assert.equal(updatePerson.person.accreditation.cardToken, p.cardToken);
    // The unchanged nationality is not a change; the name's values are not kept.
    assert.deepEqual(updatePerson.changes, [
      { field: 'givenName', from: null, to: null },
      { field: 'function', from: 'Athlete', to: 'Coach' },
    ]);
    const events = await history(p.id);
    assert.deepEqual(events.at(-1), {
      status: 'APPROVED',
      reason: 'passport spelling',
      by: officerEmail,
      changes: updatePerson.changes,
    });
    assert.equal(events.length, 3, 'submitted, approved, corrected: no reissue');
    const audit = await db.query(
      `SELECT outcome FROM audit.events WHERE action = 'Mutation.updatePerson' AND person_id = $1`,
      [p.id],
    );
    assert.deepEqual(
      audit.rows.map((r: { outcome: string }) => r.outcome),
      ['ok'],
    );
  });

  it('reissues the card when its venues and zones change: the printed card stops opening gates', async () => {
    const p = await g.arrivedPerson(organisationId);
    const gate = await g.area({ venueCode: 'NST', zone: '1' });
    const { updatePerson } = await officer.query<Updated>(UPDATE, {
      input: { personId: p.id, reason: 'ceremonies only', venues: ['NST'], zones: ['1', '2'] },
    });
    assert.equal(updatePerson.cardReissued, true);
    assert.deepEqual(updatePerson.person.accreditation.venues, ['NST']);
    assert.notEqual(updatePerson.person.accreditation.cardToken, p.cardToken);
    assert.deepEqual(updatePerson.changes, [
      { field: 'venues', from: '*', to: 'NST' },
      { field: 'zones', from: '*', to: '1, 2' },
    ]);
    const events = await history(p.id);
    assert.deepEqual(
      events.slice(-2).map((e) => [e.status, e.reason, e.by]),
      [
        ['ACTIVE', 'ceremonies only', officerEmail],
        ['ACTIVE', 'card reissued: its category, validity, venues or zones changed', officerEmail],
      ],
    );
    const old = await g.checkIn({ areaCode: gate.code, cardToken: p.cardToken });
    assert.deepEqual([old.decision, old.reasons], ['DENIED', ['SUPERSEDED_TOKEN']]);
    const renewed = await g.checkIn({
      areaCode: gate.code,
      cardToken: updatePerson.person.accreditation.cardToken,
    });
    assert.deepEqual([renewed.decision, renewed.reasons], ['ADMITTED', []]);
  });

  it('changes a submitted accreditation’s validity without a card to reissue', async () => {
    const p = await g.person(organisationId);
    const validUntil = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const { updatePerson } = await officer.query<Updated>(UPDATE, {
      input: { personId: p.id, reason: 'shorter stay', validUntil, category: 'Ao' },
    });
    assert.equal(updatePerson.cardReissued, false);
    assert.equal(updatePerson.person.accreditation.status, 'SUBMITTED');
    assert.deepEqual(
      updatePerson.changes.map((c) => [c.field, c.from, c.to]),
      [
        ['category', 'Aa', 'Ao'],
        ['validUntil', updatePerson.changes[1].from, validUntil],
      ],
    );
  });

  it('names each bad field, and changes nothing', async () => {
    const p = await g.approvedPerson(organisationId);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const [shape] = await officer.errors(UPDATE, {
      input: {
        personId: p.id,
        reason: '',
        givenName: '',
        dateOfBirth: tomorrow,
        nationality: 'XX',
        documentNumber: 'a',
        venues: [],
        zones: ['bad code!'],
      },
    });
    assert.equal(shape.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(fieldsOf([shape]), [
      'dateOfBirth',
      'documentNumber',
      'givenName',
      'nationality',
      'reason',
      'venues',
      'zones',
    ]);
    const [known] = await officer.errors(UPDATE, {
      input: {
        personId: p.id,
        reason: 'move',
        category: 'ZZ',
        venues: ['NST', 'NOPE'],
        zones: ['1', 'Q9'],
      },
    });
    assert.deepEqual(fieldsOf([known]), ['category', 'venues', 'zones']);
    const [order] = await officer.errors(UPDATE, {
      input: { personId: p.id, reason: 'end', validUntil: '2000-01-01T00:00:00Z' },
    });
    assert.deepEqual(fieldsOf([order]), ['validUntil']);
    const [both] = await officer.errors(UPDATE, {
      input: {
        personId: p.id,
        reason: 'swap',
        validFrom: '2030-01-02T00:00:00Z',
        validUntil: '2030-01-01T00:00:00Z',
      },
    });
    assert.deepEqual(fieldsOf([both]), ['validFrom']);
    const [same] = await officer.errors(UPDATE, {
      input: { personId: p.id, reason: 'nothing', givenName: p.givenName },
    });
    assert.deepEqual(fieldsOf([same]), ['input']);
    const after = await officer.query<History>(HISTORY, { id: p.id });
    assert.equal(after.person.givenName, p.givenName);
    assert.equal(after.person.accreditation.history.length, 2);
    assert.equal(after.person.accreditation.cardToken, p.cardToken);
  });

  it('refuses a document number another person of the organisation holds (CONFLICT)', async () => {
    const [a, b] = [await g.person(organisationId), await g.person(organisationId)];
    const [conflict] = await officer.errors(UPDATE, {
      input: { personId: a.id, reason: 'typo', documentNumber: b.documentNumber, givenName: 'X' },
    });
    assert.equal(conflict.extensions?.code, 'CONFLICT');
    const after = await officer.query<History>(HISTORY, { id: a.id });
    assert.deepEqual(
      [after.person.documentNumber, after.person.givenName],
      [a.documentNumber, a.givenName],
    );
    // The same number in another organisation is someone else's business.
    const other = await g.person((await g.organisation()).id);
    const moved = await officer.query<Updated>(UPDATE, {
      input: { personId: other.id, reason: 'typo', documentNumber: b.documentNumber },
    });
    assert.equal(moved.updatePerson.person.documentNumber, b.documentNumber);
  });

  it('refuses an unknown person (NOT_FOUND), a revoked card’s privileges (CONFLICT) and roles that do not register people', async () => {
    const [missing] = await officer.errors(UPDATE, {
      input: { personId: randomUUID(), reason: 'x', givenName: 'X' },
    });
    assert.equal(missing.extensions?.code, 'NOT_FOUND');

    const p = await g.approvedPerson(organisationId);
    await officer.query(
      `mutation($id: ID!) { revokeAccreditation(id: $id, reason: "left") { id } }`,
      {
        id: p.accreditationId,
      },
    );
    const [revoked] = await officer.errors(UPDATE, {
      input: { personId: p.id, reason: 'x', zones: ['1'] },
    });
    assert.equal(revoked.extensions?.code, 'CONFLICT');

    for (const roles of [['VIEWER'], ['INSPECTION_OFFICER'], ['HEALTH_OFFICER'], ['TRACER']]) {
      const client = await g.user(roles);
      const [denied] = await client.errors(UPDATE, {
        input: { personId: p.id, reason: 'x', givenName: 'Mallory' },
      });
      assert.equal(denied.extensions?.code, 'FORBIDDEN', roles.join());
    }
    assert.equal(
      (await officer.query<History>(HISTORY, { id: p.id })).person.givenName,
      p.givenName,
    );
  });

  it('lists the Games’ categories with their names for the registration and edit forms', async () => {
    const { accreditationCategories } = await officer.query<{
      accreditationCategories: { code: string; name: string }[];
    }>('{ accreditationCategories { code name } }');
    assert.ok(accreditationCategories.length >= 20);
    assert.deepEqual(
      accreditationCategories.find((c) => c.code === 'Aa'),
      { code: 'Aa', name: 'Athlete' },
    );
    const viewer = await g.user(['VIEWER']);
    const [denied] = await viewer.errors('{ accreditationCategories { code } }');
    assert.equal(denied.extensions?.code, 'FORBIDDEN');
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { JWK } from 'jose';
import type pg from 'pg';
import { isValidCardNumber } from '#libs/accreditation/card-number.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { connect } from '#test/accreditation/support.js';
import { keysOfJwks, verifyCardToken } from '#libs/accreditation/card-token.js';

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) {
  id documentNumber accreditation { id cardNumber status cardToken } } }`;
const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id code name type country } }`;
const ACCREDITATION_FIELDS = 'id status cardToken history { status reason by at }';
const PERSON = `query($id: ID!) { person(id: $id) { id givenName documentNumber organisation { id code }
  accreditation { ${ACCREDITATION_FIELDS} cardNumber validFrom validUntil venues zones category } } }`;

const fieldsOf = (errors: { extensions?: { fields?: { field: string }[] } }[]) =>
  (errors[0].extensions?.fields ?? []).map((f) => f.field).sort();

describe('accreditation through the gateway', () => {
  let system: RunningSystem;
  let db: pg.Client;
  let viewer: GraphQLClient;
  let officer: GraphQLClient;
  let inspector: GraphQLClient;
  let tracer: GraphQLClient;
  before(async () => {
    system = await startSystem({ label: 'accreditation_api' });
    db = await connect(system.databaseUrl);
    const g = given(system);
    [viewer, officer, inspector, tracer] = await Promise.all([
      g.user(['VIEWER']),
      g.user(['ACCREDITATION_OFFICER']),
      g.user(['INSPECTION_OFFICER']),
      g.user(['TRACER']),
    ]);
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  describe('organisations', () => {
    it('are created, listed and read; a code is unique', async () => {
      const input = {
        code: `NOC-${randomUUID().slice(0, 6).toUpperCase()}`,
        name: 'Norway',
        type: 'NOC',
        country: 'NOR',
      };
      const created = (
        await officer.query<{ createOrganisation: { id: string } }>(CREATE_ORGANISATION, { input })
      ).createOrganisation;
      assert.deepEqual(created, { id: created.id, ...input });
      const [conflict] = await officer.errors(CREATE_ORGANISATION, {
        input: { ...input, name: 'Again' },
      });
      assert.equal(conflict.extensions?.code, 'CONFLICT');
      const list = await viewer.query<{ organisations: { id: string }[] }>(
        '{ organisations { id code } }',
      );
      assert.ok(list.organisations.some((o) => o.id === created.id));
      const one = await viewer.query<{ organisation: { code: string } | null }>(
        'query($id: ID!) { organisation(id: $id) { code } }',
        { id: created.id },
      );
      assert.equal(one.organisation?.code, input.code);
      const none = await viewer.query<{ organisation: unknown }>(
        'query($id: ID!) { organisation(id: $id) { code } }',
        {
          id: randomUUID(),
        },
      );
      assert.equal(none.organisation, null);
    });

    it('name each bad field of a new organisation', async () => {
      const [error] = await officer.errors(CREATE_ORGANISATION, {
        input: { code: 'bad code', name: '', type: 'NOC', country: 'XYZ' },
      });
      assert.equal(error.extensions?.code, 'BAD_USER_INPUT');
      assert.deepEqual(fieldsOf([error]), ['code', 'country', 'name']);
    });

    it('list their people as a connection with a total, page by page', async () => {
      const g = given(system);
      const organisation = await g.organisation();
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await g.person(organisation.id)).id);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const data: {
          organisation: {
            people: {
              totalCount: number;
              nodes: { id: string }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          };
        } = await viewer.query(
          `query($id: ID!, $after: String) { organisation(id: $id) { people(first: 2, after: $after) {
             totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`,
          { id: organisation.id, after },
        );
        const page = data.organisation.people;
        assert.equal(page.totalCount, 5);
        seen.push(...page.nodes.map((n) => n.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        pages += 1;
      } while (after);
      assert.equal(pages, 3);
      assert.deepEqual([...seen].sort(), [...ids].sort());
      const [bad] = await viewer.errors('{ people(first: 2, after: "garbage") { totalCount } }');
      assert.equal(bad.extensions?.code, 'BAD_USER_INPUT');
    });
  });

  describe('registering a person', () => {
    let organisationId: string;
    before(async () => {
      organisationId = (await given(system).organisation()).id;
    });
    const register = (
      client: GraphQLClient,
      overrides: Record<string, unknown> = {},
      accreditation: Record<string, unknown> = {},
    ) =>
      client.request<{
        registerPerson: { id: string; accreditation: { cardNumber: string; status: string } };
      }>(REGISTER, {
        input: given(system).personInput(organisationId, overrides, accreditation),
      });

    it('issues a SUBMITTED accreditation with a typeable card number', async () => {
      const result = await register(officer);
      assert.equal(result.errors, undefined);
      const { accreditation } = result.data!.registerPerson;
      assert.equal(accreditation.status, 'SUBMITTED');
      assert.ok(isValidCardNumber(accreditation.cardNumber), accreditation.cardNumber);
    });

    it('names every problem in extensions.fields, and writes nothing', async () => {
      const before = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM accreditation.people',
      );
      const { errors } = await register(
        officer,
        {
          nationality: 'XXX',
          dateOfBirth: '2999-01-01',
          givenName: '',
          documentNumber: 'no spaces please',
        },
        {
          venues: [],
          zones: [],
          validFrom: '2026-03-01T00:00:00Z',
          validUntil: '2026-02-01T00:00:00Z',
        },
      );
      assert.equal(errors?.[0].extensions?.code, 'BAD_USER_INPUT');
      assert.deepEqual(fieldsOf(errors ?? []), [
        'accreditation.validFrom',
        'accreditation.venues',
        'accreditation.zones',
        'dateOfBirth',
        'documentNumber',
        'givenName',
        'nationality',
      ]);
      const afterwards = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM accreditation.people',
      );
      assert.equal(afterwards.rows[0].n, before.rows[0].n);
    });

    it('takes only ISO 3166-1 alpha-3 countries that exist, and real past birth dates', async () => {
      for (const nationality of ['CN', 'chn', 'ZZZ', 'EUR']) {
        const { errors } = await register(officer, { nationality });
        assert.deepEqual(fieldsOf(errors!), ['nationality'], nationality);
      }
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      assert.deepEqual(fieldsOf((await register(officer, { dateOfBirth: tomorrow })).errors!), [
        'dateOfBirth',
      ]);
      // Not a calendar date at all: the Date scalar refuses it before validation.
      const impossible = await register(officer, { dateOfBirth: '1999-02-30' });
      assert.equal(impossible.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
    });

    it("takes only the Games' categories and existing organisations", async () => {
      const { errors } = await register(officer, {}, { category: 'ZZ' });
      assert.deepEqual(fieldsOf(errors!), ['accreditation.category']);
      const missing = await officer.request(REGISTER, {
        input: given(system).personInput(randomUUID()),
      });
      assert.deepEqual(fieldsOf(missing.errors!), ['organisationId']);
    });

    it('refuses a document number already registered in the organisation, not in another', async () => {
      const first = await register(officer, { documentNumber: 'DUP12345' });
      assert.equal(first.errors, undefined);
      const again = await register(officer, { documentNumber: 'DUP12345' });
      assert.equal(again.errors?.[0].extensions?.code, 'CONFLICT');
      const other = (await given(system).organisation()).id;
      const elsewhere = await officer.request(REGISTER, {
        input: given(system).personInput(other, { documentNumber: 'DUP12345' }),
      });
      assert.equal(elsewhere.errors, undefined);
    });
  });

  describe('the lifecycle', () => {
    const act = (client: GraphQLClient, mutation: string, id: string, reason?: string) =>
      client.request<Record<string, { status: string; cardToken: string | null }>>(
        `mutation($id: ID!${reason ? ', $reason: String!' : ''}) { ${mutation}(id: $id${reason ? ', reason: $reason' : ''}) { ${ACCREDITATION_FIELDS} } }`,
        reason ? { id, reason } : { id },
      );
    const code = (result: { errors?: { extensions?: { code?: string } }[] }) =>
      result.errors?.[0].extensions?.code;

    it('approves with a signed card, suspends and reinstates to the prior status, reissues, revokes for good; history keeps all', async () => {
      const g = given(system);
      const organisation = await g.organisation();
      const person = await g.person(organisation.id);
      const id = person.accreditationId;

      const approved = await act(officer, 'approveAccreditation', id);
      assert.equal(approved.data?.approveAccreditation.status, 'APPROVED');
      const token = approved.data?.approveAccreditation.cardToken ?? '';
      const jwks = JSON.parse(
        (await inspector.query<{ cardVerificationKeys: string }>('{ cardVerificationKeys }'))
          .cardVerificationKeys,
      ) as { keys: JWK[] };
      for (const k of jwks.keys) assert.equal('d' in k, false, 'only public keys are published');
      const payload = (await verifyCardToken(token, new Map(jwks.keys.map((k) => [k.kid!, k]))))!;
      assert.ok(payload, 'the token verifies with a published key');
      assert.deepEqual([payload.cn, payload.tv], [person.cardNumber, 1]);

      const twice = await act(officer, 'approveAccreditation', id);
      assert.equal(code(twice), 'CONFLICT');
      assert.match(twice.errors![0].message, /approve.*APPROVED/);
      assert.equal(code(await act(officer, 'reinstateAccreditation', id)), 'CONFLICT');

      assert.equal(
        (await act(officer, 'suspendAccreditation', id, 'lost badge')).data?.suspendAccreditation
          .status,
        'SUSPENDED',
      );
      assert.equal(code(await act(officer, 'suspendAccreditation', id, 'again')), 'CONFLICT');
      assert.equal(
        (await act(officer, 'reinstateAccreditation', id)).data?.reinstateAccreditation.status,
        'APPROVED',
      );

      const reissued = await act(officer, 'reissueCard', id);
      assert.equal(reissued.data?.reissueCard.status, 'APPROVED');
      const newToken = reissued.data?.reissueCard.cardToken ?? '';
      const { cardVerificationKeys } = await officer.query<{ cardVerificationKeys: string }>(
        '{ cardVerificationKeys }',
      );
      const reissuedPayload = await verifyCardToken(newToken, keysOfJwks(cardVerificationKeys));
      assert.equal(reissuedPayload?.tv, 2);
      assert.ok(newToken.length <= 200 && /^[0-9A-Z $%*+\-./:]+$/.test(newToken));

      const [noReason] = await officer.errors(
        'mutation($id: ID!) { revokeAccreditation(id: $id, reason: "") { id } }',
        { id },
      );
      assert.deepEqual(fieldsOf([noReason]), ['reason']);
      assert.equal(
        (await act(system.admin, 'revokeAccreditation', id, 'doping')).data?.revokeAccreditation
          .status,
        'REVOKED',
      );
      for (const [mutation, reason] of [
        ['reinstateAccreditation'],
        ['approveAccreditation'],
        ['reissueCard'],
        ['suspendAccreditation', 'x'],
        ['revokeAccreditation', 'x'],
      ] as const) {
        assert.equal(code(await act(officer, mutation, id, reason)), 'CONFLICT', mutation);
      }

      const read = await viewer.query<{
        person: {
          accreditation: {
            history: { status: string; reason: string | null; by: string | null; at: string }[];
          };
        };
      }>(PERSON, { id: person.id });
      const history = read.person.accreditation.history;
      assert.deepEqual(
        history.map((h) => [h.status, h.reason]),
        [
          ['SUBMITTED', null],
          ['APPROVED', null],
          ['SUSPENDED', 'lost badge'],
          ['APPROVED', null],
          ['APPROVED', 'card reissued'],
          ['REVOKED', 'doping'],
        ],
      );
      const me = (await officer.query<{ me: { email: string } }>('{ me { email } }')).me.email;
      assert.deepEqual(
        history.map((h) => h.by),
        ['admin@games.test', me, me, me, me, 'admin@games.test'],
      );
      for (const h of history) assert.ok(!Number.isNaN(Date.parse(h.at)));
    });

    it('reinstates an ACTIVE accreditation to ACTIVE', async () => {
      const g = given(system);
      const person = await g.person((await g.organisation()).id);
      await g.approve(person.accreditationId);
      await db.query(`UPDATE accreditation.accreditations SET status = 'ACTIVE' WHERE id = $1`, [
        person.accreditationId,
      ]);
      await act(officer, 'suspendAccreditation', person.accreditationId, 'investigation');
      const back = await act(officer, 'reinstateAccreditation', person.accreditationId);
      assert.equal(back.data?.reinstateAccreditation.status, 'ACTIVE');
    });

    it('answers NOT_FOUND for an unknown accreditation, and refuses SUBMITTED changes other than approve and revoke', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        assert.equal(code(await act(officer, 'approveAccreditation', id)), 'NOT_FOUND');
        assert.equal(code(await act(officer, 'suspendAccreditation', id, 'x')), 'NOT_FOUND');
      }
      const g = given(system);
      const person = await g.person((await g.organisation()).id);
      assert.equal(
        code(await act(officer, 'suspendAccreditation', person.accreditationId, 'x')),
        'CONFLICT',
      );
      assert.equal(code(await act(officer, 'reissueCard', person.accreditationId)), 'CONFLICT');
      assert.equal(
        code(await act(officer, 'reinstateAccreditation', person.accreditationId)),
        'CONFLICT',
      );
    });
  });

  describe('who may see and do what', () => {
    it('shows the document number to ADMIN, accreditation and inspection officers only', async () => {
      const g = given(system);
      const person = await g.person((await g.organisation()).id);
      const health = await g.user(['HEALTH_OFFICER']);
      const seen = async (client: GraphQLClient) =>
        (
          await client.query<{ person: { documentNumber: string | null } }>(PERSON, {
            id: person.id,
          })
        ).person.documentNumber;
      assert.equal(await seen(system.admin), person.documentNumber);
      assert.equal(await seen(officer), person.documentNumber);
      assert.equal(await seen(inspector), person.documentNumber);
      assert.equal(await seen(viewer), null);
      assert.equal(await seen(tracer), null);
      assert.equal(await seen(health), null);
      const listed = await viewer.query<{ people: { nodes: { documentNumber: string | null }[] } }>(
        'query($s: String) { people(filter: { search: $s }) { nodes { documentNumber } } }',
        { s: person.documentNumber },
      );
      // Nor does a search match inside it: the viewer cannot recover it from what matches.
      assert.deepEqual(listed.people.nodes, []);
    });

    it('lets a VIEWER read everything but change nothing (FORBIDDEN)', async () => {
      const g = given(system);
      const organisation = await g.organisation();
      const person = await g.person(organisation.id);
      const reads = [
        ['{ organisations { id } }', {}],
        [
          'query($id: ID!) { organisation(id: $id) { id people { totalCount } } }',
          { id: organisation.id },
        ],
        [PERSON, { id: person.id }],
        ['query($c: String!) { personByCard(cardNumber: $c) { id } }', { c: person.cardNumber }],
        ['{ people { totalCount } }', {}],
        ['{ cardVerificationKeys }', {}],
      ] as const;
      for (const [query, variables] of reads) {
        const result = await viewer.request(query, variables);
        assert.equal(result.errors, undefined, query);
      }
      const id = person.accreditationId;
      const writes = [
        [CREATE_ORGANISATION, { input: { code: 'NOC-VIEW', name: 'V', type: 'NOC' } }],
        [REGISTER, { input: g.personInput(organisation.id) }],
        [
          'mutation($input: ImportPeopleInput!) { importPeople(input: $input) { created } }',
          { input: { organisationId: organisation.id, csv: 'givenName\n' } },
        ],
        ['mutation($id: ID!) { approveAccreditation(id: $id) { id } }', { id }],
        ['mutation($id: ID!) { suspendAccreditation(id: $id, reason: "r") { id } }', { id }],
        ['mutation($id: ID!) { reinstateAccreditation(id: $id) { id } }', { id }],
        ['mutation($id: ID!) { revokeAccreditation(id: $id, reason: "r") { id } }', { id }],
        ['mutation($id: ID!) { reissueCard(id: $id) { id } }', { id }],
      ] as const;
      for (const client of [viewer, inspector, tracer]) {
        for (const [mutation, variables] of writes) {
          const [error] = await client.errors(mutation, variables);
          assert.equal(error.extensions?.code, 'FORBIDDEN', mutation);
        }
      }
      const status = await db.query<{ status: string }>(
        'SELECT status FROM accreditation.accreditations WHERE id = $1',
        [id],
      );
      assert.equal(status.rows[0].status, 'SUBMITTED');
      for (const [mutation, variables] of writes) {
        const [error] = await system.anonymous.errors(mutation, variables);
        assert.equal(error.extensions?.code, 'UNAUTHENTICATED', mutation);
      }
    });
  });

  describe('finding people', () => {
    it('filters by organisation, accreditation status, closed-loop status and a search on names, card and document numbers', async () => {
      const g = given(system);
      const organisation = await g.organisation();
      const ada = await g.person(
        organisation.id,
        {},
        { givenName: 'Adaline', familyName: 'Zwicky' },
      );
      const bo = await g.person(organisation.id, {}, { givenName: 'Bo', familyName: 'Lindqvist' });
      const cy = await g.person(organisation.id, {}, { givenName: 'Cy', familyName: 'Zwickmann' });
      await g.approve(bo.accreditationId);
      await db.query(
        `INSERT INTO inspection.closed_loop (person_id, status, entered_at) VALUES ($1, 'IN_LOOP', now())`,
        [cy.id],
      );
      const find = async (filter: Record<string, unknown>) =>
        (
          await viewer.query<{ people: { totalCount: number; nodes: { id: string }[] } }>(
            'query($f: PeopleFilter) { people(filter: $f, first: 100) { totalCount nodes { id } } }',
            { f: { organisationId: organisation.id, ...filter } },
          )
        ).people.nodes
          .map((n) => n.id)
          .sort();
      const sorted = (...ids: string[]) => [...ids].sort();
      assert.deepEqual(await find({}), sorted(ada.id, bo.id, cy.id));
      assert.deepEqual(await find({ status: 'APPROVED' }), [bo.id]);
      assert.deepEqual(await find({ status: 'SUBMITTED' }), sorted(ada.id, cy.id));
      assert.deepEqual(await find({ closedLoopStatus: 'IN_LOOP' }), [cy.id]);
      assert.deepEqual(await find({ closedLoopStatus: 'OUTSIDE' }), sorted(ada.id, bo.id));
      assert.deepEqual(await find({ search: 'zWiCk' }), sorted(ada.id, cy.id));
      assert.deepEqual(await find({ search: 'adaline zwicky' }), [ada.id]);
      assert.deepEqual(await find({ search: bo.cardNumber }), [bo.id]);
      assert.deepEqual(await find({ search: bo.cardNumber.slice(2, 7) }), [bo.id]);
      // Document numbers match only for callers who may see them (not VIEWER).
      assert.deepEqual(await find({ search: cy.documentNumber.toLowerCase() }), []);
      const officerFinds = await officer.query<{ people: { nodes: { id: string }[] } }>(
        'query($f: PeopleFilter) { people(filter: $f) { nodes { id } } }',
        { f: { organisationId: organisation.id, search: cy.documentNumber.toLowerCase() } },
      );
      assert.deepEqual(
        officerFinds.people.nodes.map((n) => n.id),
        [cy.id],
      );
      // An officer's search reads names, document numbers (any part) and card numbers.
      const officerFind = async (search: string) =>
        (
          await officer.query<{ people: { nodes: { id: string }[] } }>(
            'query($f: PeopleFilter) { people(filter: $f) { nodes { id } } }',
            { f: { organisationId: organisation.id, search } },
          )
        ).people.nodes
          .map((n) => n.id)
          .sort();
      assert.deepEqual(await officerFind('zWiCk'), sorted(ada.id, cy.id));
      assert.deepEqual(await officerFind(cy.documentNumber.slice(1, -1)), [cy.id]);
      assert.deepEqual(await officerFind(bo.cardNumber.slice(2, 7)), [bo.id]);
      assert.deepEqual(await find({ search: '100%_' }), []);
      assert.deepEqual(await find({ organisationId: randomUUID() }), []);

      const byCard = await viewer.query<{ personByCard: { id: string } | null }>(
        'query($c: String!) { personByCard(cardNumber: $c) { id } }',
        { c: `${bo.cardNumber.slice(0, 4)} ${bo.cardNumber.slice(4)}` },
      );
      assert.equal(byCard.personByCard?.id, bo.id);
      const none = await viewer.query<{ personByCard: unknown; person: unknown }>(
        'query($id: ID!) { personByCard(cardNumber: "00000000") { id } person(id: $id) { id } }',
        { id: randomUUID() },
      );
      assert.deepEqual(none, { personByCard: null, person: null });
    });

    it('searches through trigram indexes (EXPLAIN)', async () => {
      const { peopleSearchCondition: searchCondition } =
        await import('#libs/sql/accreditation-lists.sql.js');
      await db.query('ANALYZE accreditation.people; ANALYZE accreditation.accreditations');
      await db.query('BEGIN');
      try {
        // The tables of a test are small enough for a sequential scan to win; what is
        // checked here is that the search can use the indexes at all. Plain index scans
        // off too, or a scan of another index filtering each row would do.
        await db.query(
          'SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off',
        );
        const explain = async (withDocumentNumbers: boolean) => {
          const plan = await db.query(
            `EXPLAIN SELECT p.id FROM accreditation.people p
             JOIN accreditation.accreditations a ON a.person_id = p.id
             WHERE ${searchCondition('$1', withDocumentNumbers)}
             ORDER BY p.family_name, p.given_name, p.id LIMIT 51`,
            ['%zwick%'],
          );
          return plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
        };
        const text = await explain(true);
        assert.match(text, /people_name_search_idx/, text);
        assert.match(text, /people_document_search_idx/, text);
        assert.match(text, /accreditations_card_number_search_idx/, text);
        // Names alone (callers who may not see document numbers): their own index.
        const names = await explain(false);
        assert.match(names, /people_name_search_idx/, names);
        assert.doesNotMatch(names, /document/, names);
      } finally {
        await db.query('ROLLBACK');
      }
    });
  });
});

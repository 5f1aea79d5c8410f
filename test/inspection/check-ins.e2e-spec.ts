import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnService, waitForHealthy } from '#libs/common/child-service.js';
import { serviceDatabaseEnvironment } from '#libs/database/roles.js';
import { freePort } from '#libs/common/net.js';
import { REPO_ROOT } from '#tools/paths.js';
import { REDIS_URL, requireBroker } from '#test/support/brokers.js';
import { eventually } from '#test/support/eventually.js';
import { GraphQLClient } from '#test/support/graphql-client.js';
import { cardNumberFor } from '#libs/accreditation/card-number.js';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor2';
import base45 from 'base45-js';
import { parseSigningKey, signCardToken } from '#libs/accreditation/card-token.js';
import { generateSecrets } from '#libs/common/secrets.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import {
  CHECK_IN_FIELDS,
  changeStatus,
  collect,
  hoursFrom,
  inspection,
  scanInput,
  tokenOf,
  wsClient,
  type CheckInView,
} from '#test/inspection/support.js';

/** Gates, the decision table, replays, races, offline batches, history and the live feed, through the gateway. */
describe('check-ins through the gateway', () => {
  let system: RunningSystem;
  let g: ReturnType<typeof inspection>;
  let organisationId: string;
  before(async () => {
    // The live feed fans out through Redis, as with several instances in production.
    await requireBroker(REDIS_URL);
    system = await startSystem({
      label: 'inspection_check_ins',
      env: { REDIS_URL, FEED_CHANNEL_PREFIX: `e2e_${randomUUID().slice(0, 8)}` },
    });
    g = inspection(system);
    organisationId = (await g.organisation()).id;
  });
  after(() => system?.stop());

  const movementsOf = async (personId: string) => {
    const data = await system.admin.query<{
      person: { movements: { nodes: { kind: string; location: string; occurredAt: string }[] } };
    }>(
      `query($id: ID!) { person(id: $id) { movements(first: 100) { nodes { kind location occurredAt } } } }`,
      { id: personId },
    );
    return data.person.movements.nodes;
  };
  const suspend = (id: string) => changeStatus(system, 'suspend', id);

  describe('areas', () => {
    it('creates an area, refuses a second with the same code, lists it and counts who is inside', async () => {
      const area = await g.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });
      const [dup] = await system.admin.errors(
        `mutation($input: CreateInspectionAreaInput!) { createInspectionArea(input: $input) { id } }`,
        { input: { code: area.code, name: 'Again', kind: 'VENUE', venueCode: 'NST', zone: '1' } },
      );
      assert.equal(dup.extensions?.code, 'CONFLICT');
      const [bad] = await system.admin.errors(
        `mutation($input: CreateInspectionAreaInput!) { createInspectionArea(input: $input) { id } }`,
        { input: { code: 'lower case', name: '', kind: 'VENUE', venueCode: 'NST', zone: '1' } },
      );
      assert.equal(bad.extensions?.code, 'BAD_USER_INPUT');
      assert.deepEqual(bad.extensions?.fields?.map((f) => f.field).sort(), ['code', 'name']);

      const list = await system.admin.query<{
        inspectionAreas: { code: string; closedLoop: boolean }[];
      }>('{ inspectionAreas { code closedLoop } }');
      assert.ok(list.inspectionAreas.some((a) => a.code === area.code && a.closedLoop));

      const occupancy = async () =>
        (
          await system.admin.query<{ inspectionArea: { occupancy: number } }>(
            'query($code: String!) { inspectionArea(code: $code) { code occupancy } }',
            { code: area.code },
          )
        ).inspectionArea.occupancy;
      assert.equal(await occupancy(), 0);
      const a = await g.arrivedPerson(organisationId);
      const b = await g.arrivedPerson(organisationId);
      await g.checkIn({ areaCode: area.code, cardNumber: a.cardNumber });
      await g.checkIn({ areaCode: area.code, cardNumber: b.cardNumber });
      assert.equal(await occupancy(), 2);
      await g.checkIn({ areaCode: area.code, cardNumber: a.cardNumber, direction: 'OUT' });
      assert.equal(await occupancy(), 1);
      const none = await system.admin.query<{ inspectionArea: null }>(
        '{ inspectionArea(code: "NO-SUCH-AREA") { code } }',
      );
      assert.equal(none.inspectionArea, null);
    });

    it('names a venue or a zone outside the venue catalogue at its field, and creates nothing', async () => {
      const create = `mutation($input: CreateInspectionAreaInput!) { createInspectionArea(input: $input) { id } }`;
      const attempt = async (venueCode: string, zone: string) => {
        const code = `CAT-${randomUUID().slice(0, 8).toUpperCase()}`;
        const [error] = await system.admin.errors(create, {
          input: { code, name: 'Catalogue check', kind: 'VENUE', venueCode, zone },
        });
        const found = await system.admin.query<{ inspectionArea: null }>(
          'query($code: String!) { inspectionArea(code: $code) { code } }',
          { code },
        );
        assert.equal(found.inspectionArea, null, 'nothing was created');
        return [error.extensions?.code, error.extensions?.fields];
      };
      assert.deepEqual(await attempt('NOPE', '1'), [
        'BAD_USER_INPUT',
        [{ field: 'venueCode', message: 'NOPE is not a venue of the catalogue' }],
      ]);
      assert.deepEqual(await attempt('PEK', '1'), [
        'BAD_USER_INPUT',
        [{ field: 'zone', message: '1 is not a zone of PEK (it has ARR, T3)' }],
      ]);
      // A venue added to the catalogue is at once a place areas may name.
      await system.admin.query(
        `mutation { upsertVenue(input: { code: "TST-AREA", name: "Test venue", zones: ["1", "3"] }) { code } }`,
      );
      assert.equal(
        (await g.area({ venueCode: 'TST-AREA', zone: '3' })).code.startsWith('AREA-'),
        true,
      );
    });
  });

  describe('the decision table, each row alone', () => {
    it('admits an arrived person, logs the ENTRY in the same step, and an OUT logs the EXIT', async () => {
      const { person, gate } = await g.personAtGate({ venues: ['NST'], zones: ['1'] });
      const scannedAt = new Date(Date.now() - 60_000).toISOString();
      const entry = await g.checkIn({
        areaCode: gate.code,
        cardNumber: person.cardNumber,
        scannedAt,
      });
      assert.deepEqual(
        [entry.decision, entry.reasons, entry.replayed, entry.conflict],
        ['ADMITTED', [], false, false],
      );
      assert.equal(entry.person?.id, person.id);
      assert.equal(entry.scannedAt, scannedAt);
      assert.ok(
        Date.now() - Date.parse(entry.recordedAt) < 30_000,
        'recordedAt is the server clock',
      );
      const out = await g.checkIn({
        areaCode: gate.code,
        cardNumber: person.cardNumber,
        direction: 'OUT',
      });
      assert.deepEqual([out.decision, out.reasons], ['ADMITTED', []]);
      const here = (await movementsOf(person.id))
        .filter((m) => m.location === gate.code)
        .map((m) => m.kind)
        .sort();
      assert.deepEqual(here, ['ENTRY', 'EXIT']);
    });

    it('UNKNOWN_CARD, for IN and OUT, with no person and nothing logged', async () => {
      const gate = await g.area();
      for (const direction of ['IN', 'OUT'] as const) {
        const scan = await g.checkIn({
          areaCode: gate.code,
          cardNumber: cardNumberFor(9_999_999),
          direction,
        });
        assert.deepEqual(
          [scan.decision, scan.reasons, scan.person],
          ['DENIED', ['UNKNOWN_CARD'], null],
        );
      }
    });

    it('INVALID_TOKEN alone for a forged, altered, wrong-key or malformed token; a valid token is admitted; an older version is SUPERSEDED_TOKEN', async () => {
      const person = await g.person(organisationId);
      const { cardToken } = await g.approve(person.accreditationId);
      const port = await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
      await g.arrive(port.code, person.cardNumber, person.documentNumber);
      const gate = await g.area();
      const token = cardToken as string;
      const [protectedHeader, unprotected, body, signature] = decodeCbor<
        [Uint8Array, unknown, Uint8Array, Uint8Array]
      >(base45.decode(token).subarray(1));
      const pack = (parts: unknown[]) =>
        base45.encode(Uint8Array.from([0xd2, ...encodeCbor(parts)]));
      // Forged: the signature changed.
      const flipped = Uint8Array.from(signature);
      flipped[0] ^= 1;
      // Altered: a newer token version claimed under the genuine signature.
      const claims = decodeCbor<Map<number, unknown>>(body);
      claims.set(-2, 99);
      // Wrong key: well signed, by a key the accreditation service does not publish.
      const stranger = parseSigningKey((await generateSecrets()).CARD_SIGNING_KEY);
      const wrongKey = await signCardToken(
        {
          cn: person.cardNumber,
          tv: 99,
          vf: '2020-01-01T00:00:00Z',
          vu: '2099-01-01T00:00:00Z',
          ven: ['*'],
          zon: ['*'],
        },
        stranger,
        { venues: [], zones: [] },
      );
      for (const bad of [
        pack([protectedHeader, unprotected, body, flipped]),
        pack([protectedHeader, unprotected, encodeCbor(claims), signature]),
        wrongKey,
        'NOT A TOKEN',
        'a.b.c',
      ]) {
        const scan = await g.checkIn({ areaCode: gate.code, cardToken: bad });
        assert.deepEqual(
          [scan.decision, scan.reasons, scan.person],
          ['DENIED', ['INVALID_TOKEN'], null],
          bad,
        );
      }
      const ok = await g.checkIn({ areaCode: gate.code, cardToken: token });
      assert.deepEqual([ok.decision, ok.reasons, ok.person?.id], ['ADMITTED', [], person.id]);
      await g.checkIn({ areaCode: gate.code, cardToken: token, direction: 'OUT' });
      await system.admin.query(`mutation($id: ID!) { reissueCard(id: $id) { id } }`, {
        id: person.accreditationId,
      });
      const old = await g.checkIn({ areaCode: gate.code, cardToken: token });
      assert.deepEqual([old.decision, old.reasons], ['DENIED', ['SUPERSEDED_TOKEN']]);
      const [both] = await system.admin.errors(
        `mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`,
        {
          input: scanInput({
            areaCode: gate.code,
            cardToken: token,
            cardNumber: person.cardNumber,
          }),
        },
      );
      assert.equal(both.extensions?.code, 'BAD_USER_INPUT');
    });

    it('NOT_ACTIVE for SUBMITTED and APPROVED cards (at an area outside the loop)', async () => {
      const open = await g.area({ closedLoop: false });
      const submitted = await g.person(organisationId);
      const approved = await g.person(organisationId);
      await g.approve(approved.accreditationId);
      for (const p of [submitted, approved]) {
        const scan = await g.checkIn({ areaCode: open.code, cardNumber: p.cardNumber });
        assert.deepEqual([scan.decision, scan.reasons], ['DENIED', ['NOT_ACTIVE']]);
      }
    });

    it('SUSPENDED and REVOKED; an OUT scan of such a card is still admitted', async () => {
      const { person, gate } = await g.personAtGate();
      await suspend(person.accreditationId);
      assert.deepEqual(
        (await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber })).reasons,
        ['SUSPENDED'],
      );
      const out = await g.checkIn({
        areaCode: gate.code,
        cardNumber: person.cardNumber,
        direction: 'OUT',
      });
      assert.equal(out.decision, 'ADMITTED');
      const other = await g.arrivedPerson(organisationId);
      await changeStatus(system, 'revoke', other.accreditationId);
      assert.deepEqual(
        (await g.checkIn({ areaCode: gate.code, cardNumber: other.cardNumber })).reasons,
        ['REVOKED'],
      );
    });

    it('OUTSIDE_VALIDITY by scannedAt, NO_VENUE_ACCESS, NO_ZONE_ACCESS, TEST_OVERDUE, ALREADY_INSIDE', async () => {
      const now = new Date();
      const gate = await g.area({ venueCode: 'NST', zone: '1' });
      const shortLived = await g.arrivedPerson(organisationId, {
        validUntil: hoursFrom(now, 2).toISOString(),
      });
      const reasonsAt = async (cardNumber: string, scannedAt?: Date) =>
        (await g.checkIn({ areaCode: gate.code, cardNumber, scannedAt: scannedAt?.toISOString() }))
          .reasons;
      assert.deepEqual(await reasonsAt(shortLived.cardNumber, hoursFrom(now, 3)), [
        'OUTSIDE_VALIDITY',
      ]);
      const elsewhere = await g.arrivedPerson(organisationId, { venues: ['BNS'] });
      assert.deepEqual(await reasonsAt(elsewhere.cardNumber), ['NO_VENUE_ACCESS']);
      const otherZone = await g.arrivedPerson(organisationId, { zones: ['2'] });
      assert.deepEqual(await reasonsAt(otherZone.cardNumber), ['NO_ZONE_ACCESS']);
      const overdue = await g.arrivedPerson(organisationId);
      assert.deepEqual(await reasonsAt(overdue.cardNumber, hoursFrom(now, 25)), ['TEST_OVERDUE']);
      const inside = await g.arrivedPerson(organisationId);
      assert.deepEqual(await reasonsAt(inside.cardNumber), []);
      assert.deepEqual(await reasonsAt(inside.cardNumber), ['ALREADY_INSIDE']);
    });

    it('NOT_IN_CLOSED_LOOP after departure; ISOLATED after a positive test', async () => {
      const { person, gate } = await g.personAtGate();
      const port = await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
      await system.admin.query(
        `mutation($input: DepartureInput!) { processDeparture(input: $input) { status } }`,
        {
          input: { id: randomUUID(), areaCode: port.code, cardNumber: person.cardNumber },
        },
      );
      assert.deepEqual(
        (await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber })).reasons,
        ['NOT_IN_CLOSED_LOOP'],
      );
      const sick = await g.arrivedPerson(organisationId);
      await g.testResult(sick.id, new Date(), 'POSITIVE');
      assert.deepEqual(
        (await g.checkIn({ areaCode: gate.code, cardNumber: sick.cardNumber })).reasons,
        ['ISOLATED'],
      );
    });
  });

  describe('the decision table, rows combined', () => {
    it('a scan after validity with an overdue test gives both, in the enum order', async () => {
      const now = new Date();
      const gate = await g.area({ venueCode: 'NST', zone: '1' });
      const person = await g.arrivedPerson(organisationId, {
        validUntil: hoursFrom(now, 2).toISOString(),
      });
      const scan = await g.checkIn({
        areaCode: gate.code,
        cardNumber: person.cardNumber,
        scannedAt: hoursFrom(now, 25).toISOString(),
      });
      assert.deepEqual(scan.reasons, ['OUTSIDE_VALIDITY', 'TEST_OVERDUE']);
    });

    it('every reason a card can have at once', async () => {
      const now = new Date();
      const gate = await g.area({ venueCode: 'NST', zone: '1' });
      const person = await g.arrivedPerson(organisationId, {
        venues: ['BNS'],
        zones: ['2'],
        validUntil: hoursFrom(now, 2).toISOString(),
      });
      // Inside already: an offline device let them in although the server would not have.
      const let_in = await g.checkIn({
        areaCode: gate.code,
        cardNumber: person.cardNumber,
        deviceDecision: 'ADMITTED',
      });
      assert.equal(let_in.conflict, true);
      await g.testResult(person.id, new Date(), 'POSITIVE');
      await suspend(person.accreditationId);
      const scan = await g.checkIn({
        areaCode: gate.code,
        cardNumber: person.cardNumber,
        scannedAt: hoursFrom(now, 25).toISOString(),
      });
      assert.deepEqual(scan.reasons, [
        'SUSPENDED',
        'OUTSIDE_VALIDITY',
        'NO_VENUE_ACCESS',
        'NO_ZONE_ACCESS',
        'ISOLATED',
        'TEST_OVERDUE',
        'ALREADY_INSIDE',
      ]);
      const approvedOnly = await g.person(organisationId, { venues: ['BNS'] });
      await g.approve(approvedOnly.accreditationId);
      assert.deepEqual(
        (await g.checkIn({ areaCode: gate.code, cardNumber: approvedOnly.cardNumber })).reasons,
        ['NOT_ACTIVE', 'NO_VENUE_ACCESS', 'NOT_IN_CLOSED_LOOP'],
      );
    });
  });

  describe('idempotency and races', () => {
    it('a repeated id returns the first result, replayed, and writes nothing; other content is a CONFLICT', async () => {
      const { person, gate } = await g.personAtGate();
      const input = scanInput({ areaCode: gate.code, cardNumber: person.cardNumber });
      const first = await g.checkIn(input);
      const again = await g.checkIn(input);
      assert.deepEqual({ ...again, replayed: false }, first);
      assert.equal(again.replayed, true);
      assert.equal(
        (await movementsOf(person.id)).filter((m) => m.location === gate.code).length,
        1,
      );
      const [conflict] = await system.admin.errors(
        `mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`,
        { input: { ...input, direction: 'OUT' } },
      );
      assert.equal(conflict.extensions?.code, 'CONFLICT');
    });

    it('one id sent by 10 retries at once is recorded once; the others are replays of it', async () => {
      const { person, gate } = await g.personAtGate();
      const input = scanInput({ areaCode: gate.code, cardNumber: person.cardNumber });
      const results = await Promise.all(Array.from({ length: 10 }, () => g.checkIn(input)));
      assert.equal(results.filter((r) => !r.replayed).length, 1);
      assert.ok(
        results.every((r) => r.decision === 'ADMITTED' && r.recordedAt === results[0].recordedAt),
      );
      assert.equal(
        (await movementsOf(person.id)).filter((m) => m.location === gate.code).length,
        1,
      );
    });

    it('20 simultaneous scans of one card at one gate admit it once', async () => {
      const { person, gate } = await g.personAtGate();
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber }),
        ),
      );
      const admitted = results.filter((r) => r.decision === 'ADMITTED');
      assert.equal(admitted.length, 1);
      for (const r of results.filter((r) => r.decision === 'DENIED'))
        assert.deepEqual(r.reasons, ['ALREADY_INSIDE']);
      assert.equal(
        (await movementsOf(person.id)).filter((m) => m.location === gate.code).length,
        1,
      );
    });
  });

  describe('offline devices', () => {
    it('applies a batch in scannedAt order and answers in input order', async () => {
      const { person, gate } = await g.personAtGate();
      const t = Date.now() - 3_600_000;
      const at = (minutes: number) => new Date(t + minutes * 60_000).toISOString();
      const batch = [
        {
          areaCode: gate.code,
          cardNumber: person.cardNumber,
          scannedAt: at(20),
          deviceId: 'tablet-7',
        },
        {
          areaCode: gate.code,
          cardNumber: person.cardNumber,
          scannedAt: at(10),
          deviceId: 'tablet-7',
          direction: 'OUT' as const,
        },
        {
          areaCode: gate.code,
          cardNumber: person.cardNumber,
          scannedAt: at(5),
          deviceId: 'tablet-7',
        },
        {
          areaCode: gate.code,
          cardNumber: person.cardNumber,
          scannedAt: at(30),
          deviceId: 'tablet-7',
        },
      ].map(scanInput);
      const results = await g.submit(batch);
      assert.deepEqual(
        results.map((r) => r.id),
        batch.map((b) => b.id),
      );
      // In scannedAt order: IN@5 admitted, OUT@10, IN@20 admitted, IN@30 already inside.
      assert.deepEqual(
        results.map((r) => [r.decision, r.reasons.join()]),
        [
          ['ADMITTED', ''],
          ['ADMITTED', ''],
          ['ADMITTED', ''],
          ['DENIED', 'ALREADY_INSIDE'],
        ],
      );
      const replay = await g.submit(batch);
      assert.ok(replay.every((r) => r.replayed));
    });

    it('logs an offline ADMITTED the server denies as an entry, flags both kinds of disagreement, and lists them for review', async () => {
      const { person, gate } = await g.personAtGate();
      await suspend(person.accreditationId);
      const fine = await g.arrivedPerson(organisationId);
      const [letIn, keptOut] = await g.submit([
        {
          areaCode: gate.code,
          cardNumber: person.cardNumber,
          deviceDecision: 'ADMITTED',
          deviceId: 'tablet-9',
        },
        {
          areaCode: gate.code,
          cardNumber: fine.cardNumber,
          deviceDecision: 'DENIED',
          deviceId: 'tablet-9',
        },
      ]);
      assert.deepEqual(
        [letIn.decision, letIn.reasons, letIn.deviceDecision, letIn.conflict],
        ['DENIED', ['SUSPENDED'], 'ADMITTED', true],
      );
      assert.deepEqual(
        [keptOut.decision, keptOut.deviceDecision, keptOut.conflict],
        ['ADMITTED', 'DENIED', true],
      );
      assert.deepEqual(
        (await movementsOf(person.id)).filter((m) => m.location === gate.code).map((m) => m.kind),
        ['ENTRY'],
      );
      assert.deepEqual(
        (await movementsOf(fine.id)).filter((m) => m.location === gate.code),
        [],
      );
      const review = await system.admin.query<{
        checkIns: { totalCount: number; nodes: { id: string; conflict: boolean }[] };
      }>(
        `query($area: String) { checkIns(areaCode: $area, conflict: true) { totalCount nodes { id conflict } } }`,
        { area: gate.code },
      );
      assert.equal(review.checkIns.totalCount, 2);
      assert.deepEqual(
        review.checkIns.nodes.map((n) => n.id).sort(),
        [letIn.id, keptOut.id].sort(),
      );
    });

    it('refuses more than 1,000 scans, and a batch with a bad scan writes nothing', async () => {
      const { person, gate } = await g.personAtGate();
      const tooMany = Array.from({ length: 1001 }, () =>
        scanInput({ areaCode: gate.code, cardNumber: person.cardNumber }),
      );
      const [error] = await system.admin.errors(
        `mutation($input: [CheckInInput!]!) { submitCheckIns(input: $input) { id } }`,
        { input: tooMany },
      );
      assert.equal(error.extensions?.code, 'BAD_USER_INPUT');
      const good = scanInput({ areaCode: gate.code, cardNumber: person.cardNumber });
      const [bad] = await system.admin.errors(
        `mutation($input: [CheckInInput!]!) { submitCheckIns(input: $input) { id } }`,
        {
          input: [
            good,
            scanInput({ areaCode: gate.code }),
            { ...scanInput({ areaCode: gate.code, cardNumber: 'x' }), id: 'nope' },
          ],
        },
      );
      assert.equal(bad.extensions?.code, 'BAD_USER_INPUT');
      assert.deepEqual(bad.extensions?.fields?.map((f) => f.field).sort(), [
        'input[1].cardNumber',
        'input[2].cardNumber',
        'input[2].id',
      ]);
      const [nowhere] = await system.admin.errors(
        `mutation($input: [CheckInInput!]!) { submitCheckIns(input: $input) { id } }`,
        { input: [good, scanInput({ areaCode: 'NO-SUCH-AREA', cardNumber: person.cardNumber })] },
      );
      assert.deepEqual(
        nowhere.extensions?.fields?.map((f) => f.field),
        ['input[1].areaCode'],
      );
      assert.equal(
        (await g.checkIn(good)).replayed,
        false,
        'the good scan of the refused batch was not recorded',
      );
    });
  });

  describe('history', () => {
    it('pages newest first with a total, and filters by area, person, decision and time', async () => {
      const { person, gate } = await g.personAtGate();
      const t = Date.now() - 3_600_000;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const scan = await g.checkIn({
          areaCode: gate.code,
          cardNumber: person.cardNumber,
          direction: i % 2 === 0 ? 'IN' : 'OUT',
          scannedAt: new Date(t + i * 60_000).toISOString(),
        });
        ids.push(scan.id);
      }
      await g.checkIn({
        areaCode: gate.code,
        cardNumber: person.cardNumber,
        scannedAt: new Date(t + 4 * 60_000 + 1).toISOString(),
      });
      type Page = {
        checkIns: {
          totalCount: number;
          nodes: { id: string; decision: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
      const page = (vars: Record<string, unknown>) =>
        system.admin.query<Page>(
          `query($area: String, $person: ID, $decision: Decision, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
             checkIns(areaCode: $area, personId: $person, decision: $decision, from: $from, to: $to, first: $first, after: $after) {
               totalCount nodes { id decision } pageInfo { hasNextPage endCursor } } }`,
          vars,
        );
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const p: Page = await page({
          person: person.id,
          area: gate.code,
          decision: 'ADMITTED',
          first: 2,
          after,
        });
        assert.equal(p.checkIns.totalCount, 5);
        seen.push(...p.checkIns.nodes.map((n) => n.id));
        if (!p.checkIns.pageInfo.hasNextPage) break;
        after = p.checkIns.pageInfo.endCursor;
      }
      assert.deepEqual(seen, [...ids].reverse());
      const denied = await page({ person: person.id, decision: 'DENIED' });
      assert.equal(denied.checkIns.totalCount, 1);
      const window = await page({
        person: person.id,
        from: new Date(t + 60_000).toISOString(),
        to: new Date(t + 3 * 60_000).toISOString(),
      });
      assert.deepEqual(
        window.checkIns.nodes.map((n) => n.id),
        [ids[2], ids[1]],
      );
      const [bad] = await system.admin.errors(`{ checkIns(after: "garbage") { totalCount } }`);
      assert.equal(bad.extensions?.code, 'BAD_USER_INPUT');
    });
  });

  describe('roles', () => {
    it('lets an INSPECTION_OFFICER scan and nothing of the health desk; others may not scan', async () => {
      const { person, gate } = await g.personAtGate();
      const officer = await g.user(['INSPECTION_OFFICER']);
      assert.equal(
        (await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber }, officer)).decision,
        'ADMITTED',
      );
      const scan = `mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`;
      for (const role of ['VIEWER', 'HEALTH_OFFICER', 'TRACER', 'ACCREDITATION_OFFICER']) {
        const user = await g.user([role]);
        const [error] = await user.errors(scan, {
          input: scanInput({ areaCode: gate.code, cardNumber: person.cardNumber }),
        });
        assert.equal(error.extensions?.code, 'FORBIDDEN', role);
      }
      const [area] = await officer.errors(
        `mutation { createInspectionArea(input: { code: "NOPE-1", name: "x", kind: VENUE, venueCode: "NST", zone: "1" }) { id } }`,
      );
      assert.equal(area.extensions?.code, 'FORBIDDEN');
      const [anonymous] = await system.anonymous.errors(scan, {
        input: scanInput({ areaCode: gate.code, cardNumber: person.cardNumber }),
      });
      assert.equal(anonymous.extensions?.code, 'UNAUTHENTICATED');
    });
  });

  describe('the live feed', () => {
    it('reaches subscribers of one instance from a check-in recorded by another, through Redis', async () => {
      const port = await freePort();
      const second = spawnService(
        'inspection-2',
        path.join(REPO_ROOT, 'dist/apps/inspection/main.js'),
        {
          ...system.env,
          ...serviceDatabaseEnvironment('inspection', system.env),
          PORT: String(port),
        },
        true,
      );
      const client = wsClient(system, tokenOf(system.admin));
      try {
        await waitForHealthy(`http://127.0.0.1:${port}/health`, second);
        const { person, gate } = await g.personAtGate();
        const query = `subscription($area: String) { checkInRecorded(areaCode: $area) { id area { code } } }`;
        const feed = collect<{ checkInRecorded: { id: string } }>(client, query, {
          area: gate.code,
        });
        // The second instance is called itself, as the gateway would call it.
        const direct = new GraphQLClient(
          `http://127.0.0.1:${port}/graphql`,
          system.admin.token,
          system.env.GATEWAY_SECRET,
        );
        const scanThere = (direction: 'IN' | 'OUT') =>
          g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber, direction }, direct);
        // The subscription reaches the first instance some time after it is sent:
        // scan at the second instance until the first one's subscriber hears one.
        const sent = await hearsScans([feed], (i) => scanThere(i % 2 ? 'OUT' : 'IN'));
        const last = await scanThere(sent.length % 2 ? 'OUT' : 'IN');
        const heard = await eventually(() => {
          const ids = feed.events.map((e) => e.checkInRecorded.id);
          assert.ok(ids.includes(last.id));
          return ids;
        });
        assert.equal(heard.at(-1), last.id);
        assert.deepEqual(
          heard.filter((id) => ![...sent, last].some((s) => s.id === id)),
          [],
          'nothing but these scans',
        );
        feed.dispose();
      } finally {
        await client.dispose();
        await second.stop();
      }
    });

    it('delivers every check-in at the asked area within a second, and nothing else', async () => {
      const { person, gate } = await g.personAtGate();
      const probe = await g.arrivedPerson(organisationId);
      const other = await g.area();
      const viewer = await g.user(['VIEWER']);
      const here = wsClient(system, tokenOf(viewer));
      const everywhere = wsClient(system, tokenOf(system.admin));
      const refused = wsClient(system, null);
      // The person's name comes from another subgraph: fetched over HTTP for an event that
      // came over the socket, with the subscriber's credentials.
      const query = `subscription($area: String) {
        checkInRecorded(areaCode: $area) { ${CHECK_IN_FIELDS} person { givenName } }
      }`;
      type Event = { checkInRecorded: CheckInView & { person: { givenName: string } | null } };
      const atGate = collect<Event>(here, query, { area: gate.code });
      const all = collect<Event>(everywhere, query, {});
      const denied = collect<Event>(refused, query, { area: gate.code });
      const probeAtGate = (i: number) =>
        g.checkIn({
          areaCode: gate.code,
          cardNumber: probe.cardNumber,
          direction: i % 2 ? 'OUT' : 'IN',
        });
      const idsOf = (events: Event[]) => events.map((e) => e.checkInRecorded.id);
      try {
        // Subscriptions reach the subgraph some time after they are sent: scan a probe
        // card at the gate until both subscribers hear it; probes are left out below.
        const probes = await hearsScans([atGate, all], probeAtGate);
        const isNews = (id: string) => !probes.some((p) => p.id === id);
        const news = (events: Event[]) => idsOf(events).filter(isNews);
        const a = await g.checkIn({ areaCode: gate.code, cardNumber: person.cardNumber });
        const b = await g.checkIn({ areaCode: other.code, cardNumber: person.cardNumber });
        const input = scanInput({
          areaCode: gate.code,
          cardNumber: person.cardNumber,
          direction: 'OUT',
        });
        const c = await g.checkIn(input);
        await g.checkIn(input); // a replay is not news
        // Within a second of the last check-in's answer (the feed publishes before answering).
        await eventually(
          () => {
            assert.ok(news(atGate.events).length >= 2);
            assert.ok(news(all.events).filter((id) => [a.id, b.id, c.id].includes(id)).length >= 3);
          },
          { timeoutMs: 1000 },
        );
        assert.deepEqual(atGate.errors, []);
        assert.deepEqual(news(atGate.events), [a.id, c.id]);
        const first = atGate.events.find((e) => e.checkInRecorded.id === a.id)?.checkInRecorded;
        assert.equal(first?.area.code, gate.code);
        assert.equal(first?.person?.id, person.id);
        assert.equal(first?.person?.givenName, person.givenName);
        assert.deepEqual(
          news(all.events).filter((id) => [a.id, b.id, c.id].includes(id)),
          [a.id, b.id, c.id],
        );
        // The feed keeps its order: once a last probe is heard, a replay's news would be in.
        const marker = await probeAtGate(probes.length);
        await eventually(() => assert.ok(idsOf(atGate.events).includes(marker.id)));
        assert.deepEqual(
          news(atGate.events).filter((id) => id !== marker.id),
          [a.id, c.id],
          'nothing else arrives',
        );
        await denied.waitFor(1);
        assert.ok(denied.errors.length > 0, 'a socket without credentials is refused');
        assert.equal(denied.events.length, 0, 'a socket without credentials gets nothing');
      } finally {
        atGate.dispose();
        all.dispose();
        denied.dispose();
        await Promise.all([here.dispose(), everywhere.dispose(), refused.dispose()]);
      }
    });
  });
});

/**
 * Scans (scan(0), scan(1), ...) until every subscriber has heard one, and returns
 * the scans made: a subscription is live some time after it is sent, with no signal.
 */
async function hearsScans(
  feeds: { events: unknown[]; waitFor(n: number, ms?: number): Promise<void> }[],
  scan: (i: number) => Promise<{ id: string }>,
): Promise<{ id: string }[]> {
  const made: { id: string }[] = [];
  const deaf = () => feeds.find((f) => f.events.length === 0);
  for (let i = 0; i < 30 && deaf(); i++) {
    made.push(await scan(i));
    await deaf()?.waitFor(1, 500);
  }
  assert.equal(deaf(), undefined, 'a subscription never heard a scan');
  return made;
}

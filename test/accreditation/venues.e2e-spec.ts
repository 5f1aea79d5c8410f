import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { keysOfJwks, verifyCardToken } from '#libs/accreditation/card-token.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { CSV_HEADER, csvRow } from '#test/accreditation/support.js';

interface VenueView {
  code: string;
  name: string;
  zones: string[];
  position: number;
  zonePositions: number[];
}
const VENUES = '{ venues { code name zones position zonePositions } }';
const UPSERT = `mutation($input: VenueInput!) { upsertVenue(input: $input) { code name zones position zonePositions } }`;

describe('the venue catalogue, through the gateway', () => {
  let system: RunningSystem;
  let officer: GraphQLClient;
  let inspector: GraphQLClient;
  before(async () => {
    system = await startSystem({ label: 'accreditation_venues' });
    [officer, inspector] = await Promise.all([
      given(system).user(['ACCREDITATION_OFFICER']),
      given(system).user(['INSPECTION_OFFICER']),
    ]);
  });
  after(async () => {
    await system?.stop();
  });

  it('is seeded with the Beijing 2022 venues of the three zones, each with its zones', async () => {
    const { venues } = await inspector.query<{ venues: VenueView[] }>(VENUES);
    const codes = venues.map((v) => v.code);
    for (const code of ['NST', 'NAC', 'NIS', 'WKS', 'CIS', 'NSS', 'BNS', 'BOV', 'MMC', 'PEK']) {
      assert.ok(codes.includes(code), `Beijing zone: ${code}`);
    }
    for (const code of ['YAN', 'YSC', 'YOV', 'GSP', 'NSJ', 'NCC', 'BIA', 'ZOV']) {
      assert.ok(codes.includes(code), `Yanqing and Zhangjiakou zones: ${code}`);
    }
    assert.deepEqual(
      venues.map((v) => v.position),
      venues.map((_, i) => i),
    );
    const stadium = venues.find((v) => v.code === 'NST')!;
    assert.deepEqual(stadium.zones, ['1', '2', '3', '4', '5', '6', '7']);
    assert.equal(stadium.zonePositions.length, 7);
  });

  it('is changed by an admin only; a venue keeps its position, a new one takes the next', async () => {
    const input = { code: 'TST-1', name: 'Test Arena', zones: ['1', 'TZ'] };
    const [forbidden] = await officer.errors(UPSERT, { input });
    assert.equal(forbidden.extensions?.code, 'FORBIDDEN');
    const created = (await system.admin.query<{ upsertVenue: VenueView }>(UPSERT, { input }))
      .upsertVenue;
    const { venues } = await system.admin.query<{ venues: VenueView[] }>(VENUES);
    assert.equal(created.position, venues.length - 1);
    const renamed = (
      await system.admin.query<{ upsertVenue: VenueView }>(UPSERT, {
        input: { ...input, name: 'Test Arena (renamed)', zones: ['TZ'] },
      })
    ).upsertVenue;
    assert.equal(renamed.position, created.position);
    assert.deepEqual(renamed.zonePositions, [created.zonePositions[1]]);
    const [bad] = await system.admin.errors(UPSERT, {
      input: { code: 'bad code', name: '', zones: ['x y'] },
    });
    assert.equal(bad.extensions?.code, 'BAD_USER_INPUT');
    const fields = (bad.extensions?.fields as { field: string }[]).map((f) => f.field).sort();
    assert.deepEqual(fields, ['code', 'name', 'zones']);
  });

  it('refuses registration with venues or zones outside it, naming the field', async () => {
    const organisation = await given(system).organisation();
    const input = given(system).personInput(
      organisation.id,
      {},
      { venues: ['NST', 'XYZ'], zones: ['9'] },
    );
    const [error] = await officer.errors(
      'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      { input },
    );
    assert.equal(error.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(error.extensions?.fields, [
      { field: 'accreditation.venues', message: 'XYZ is not a venue of the catalogue' },
      { field: 'accreditation.zones', message: '9 is not a zone of the catalogue' },
    ]);
  });

  it('refuses an import row with codes outside it, naming the row and field', async () => {
    const organisation = await given(system).organisation();
    const csv = [
      CSV_HEADER,
      csvRow('VEN0001'),
      csvRow('VEN0002', { venues: 'NST;XYZ' }),
      csvRow('VEN0003', { zones: '9' }),
      csvRow('VEN0004', { venues: '*', zones: '*' }),
    ].join('\n');
    const { importPeople } = await officer.query<{
      importPeople: { created: number; errors: { line: number; field: string; message: string }[] };
    }>(
      'mutation($input: ImportPeopleInput!) { importPeople(input: $input) { created errors { line field message } } }',
      { input: { organisationId: organisation.id, csv } },
    );
    assert.deepEqual(importPeople, {
      created: 0,
      errors: [
        { line: 3, field: 'venues', message: 'XYZ is not a venue of the catalogue' },
        { line: 4, field: 'zones', message: '9 is not a zone of the catalogue' },
      ],
    });
  });

  it('names the venues and zones a card token carries, read back with the catalogue', async () => {
    const organisation = await given(system).organisation();
    const person = await given(system).person(organisation.id, {
      venues: ['NST', 'YAN', 'BIA'],
      zones: ['1', 'R'],
    });
    const { cardToken } = await given(system).approve(person.accreditationId);
    const { venues, cardVerificationKeys } = await inspector.query<{
      venues: VenueView[];
      cardVerificationKeys: string;
    }>('{ cardVerificationKeys venues { code position zones zonePositions } }');
    const catalogue = { venues: [] as string[], zones: [] as string[] };
    for (const v of venues) {
      catalogue.venues[v.position] = v.code;
      v.zones.forEach((z, i) => (catalogue.zones[v.zonePositions[i]] = z));
    }
    const claims = await verifyCardToken(cardToken!, keysOfJwks(cardVerificationKeys), catalogue);
    assert.equal(claims?.cn, person.cardNumber);
    assert.deepEqual(claims?.ven, ['NST', 'YAN', 'BIA']);
    assert.deepEqual(claims?.zon, ['1', 'R']);
    assert.ok(cardToken!.length <= 200);
  });
});

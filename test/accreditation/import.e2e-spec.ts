import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { isValidCardNumber } from '#libs/accreditation/card-number.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { connect, CSV_HEADER, csvRow } from '#test/accreditation/support.js';

const IMPORT = `mutation($input: ImportPeopleInput!) {
  importPeople(input: $input) { created dryRun errors { line field message } } }`;

interface Report {
  created: number;
  dryRun: boolean;
  errors: { line: number; field: string | null; message: string }[];
}

describe('importing people from a CSV, through the gateway', () => {
  let system: RunningSystem;
  let db: pg.Client;
  let officer: GraphQLClient;
  before(async () => {
    system = await startSystem({ label: 'accreditation_import' });
    db = await connect(system.databaseUrl);
    officer = await given(system).user(['ACCREDITATION_OFFICER']);
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  const run = async (organisationId: string, csv: string, dryRun?: boolean): Promise<Report> =>
    (
      await officer.query<{ importPeople: Report }>(IMPORT, {
        input: { organisationId, csv, dryRun },
      })
    ).importPeople;
  const count = async (organisationId: string) =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM accreditation.people WHERE organisation_id = $1',
        [organisationId],
      )
    ).rows[0].n;

  it('imports every row with a SUBMITTED accreditation, a card number and its history', async () => {
    const organisation = await given(system).organisation();
    // Family names out of alphabetical order: card numbers follow the file's order all the same.
    const csv = `\uFEFF${CSV_HEADER}\r\n${csvRow('IMP0001', { familyName: 'Zhang' })}\r\n${csvRow('IMP0002', { venues: '*', zones: '*' })}\r\n${csvRow(
      'IMP0003',
      { familyName: '"Nguyen, Thi"', category: 'E', function: 'Journalist' },
    )}\r\n`;
    assert.deepEqual(await run(organisation.id, csv), { created: 3, dryRun: false, errors: [] });
    const people = await officer.query<{
      people: {
        nodes: {
          familyName: string;
          documentNumber: string;
          accreditation: {
            cardNumber: string;
            status: string;
            category: string;
            venues: string[];
            zones: string[];
            validFrom: string;
            history: { status: string; by: string }[];
          };
        }[];
      };
    }>(
      `query($id: ID!) { people(filter: { organisationId: $id }) { nodes { familyName documentNumber
         accreditation { cardNumber status category venues zones validFrom history { status by } } } } }`,
      { id: organisation.id },
    );
    const byDocument = new Map(people.people.nodes.map((p) => [p.documentNumber, p]));
    assert.equal(byDocument.size, 3);
    const first = byDocument.get('IMP0001')!;
    assert.deepEqual(first.accreditation.venues, ['NST', 'BIA']);
    assert.deepEqual(first.accreditation.zones, ['1', '2']);
    assert.equal(first.accreditation.validFrom, '2026-01-20T00:00:00.000Z');
    assert.deepEqual(byDocument.get('IMP0002')!.accreditation.venues, ['*']);
    assert.equal(byDocument.get('IMP0003')!.familyName, 'Nguyen, Thi');
    assert.equal(byDocument.get('IMP0003')!.accreditation.category, 'E');
    const me = (await officer.query<{ me: { email: string } }>('{ me { email } }')).me.email;
    for (const p of byDocument.values()) {
      assert.equal(p.accreditation.status, 'SUBMITTED');
      assert.ok(isValidCardNumber(p.accreditation.cardNumber));
      assert.deepEqual(p.accreditation.history, [{ status: 'SUBMITTED', by: me }]);
    }
    const cardNumbers = ['IMP0001', 'IMP0002', 'IMP0003'].map(
      (document) => byDocument.get(document)!.accreditation.cardNumber,
    );
    assert.deepEqual(
      cardNumbers,
      [...cardNumbers].sort(),
      'card numbers ascend in the order of the file',
    );
    assert.equal(new Set(cardNumbers).size, 3);
  });

  it('writes a file of several chunks whole: every person, card numbers in the order of the file', async () => {
    const organisation = await given(system).organisation();
    // More rows than the first chunk the import writes (2,000), family names descending.
    const rows = 2_600;
    const csv = [
      CSV_HEADER,
      ...Array.from({ length: rows }, (_, i) =>
        csvRow(`CHK${String(i).padStart(5, '0')}`, {
          familyName: `Chunked${String(rows - i).padStart(5, '0')}`,
        }),
      ),
    ].join('\n');
    assert.deepEqual(await run(organisation.id, csv), { created: rows, dryRun: false, errors: [] });
    const written = await db.query<{
      document_number: string;
      card_number: string;
      events: number;
    }>(
      `SELECT p.document_number, a.card_number,
              (SELECT count(*)::int FROM accreditation.accreditation_events e
               WHERE e.accreditation_id = a.id) AS events
       FROM accreditation.people p JOIN accreditation.accreditations a ON a.person_id = p.id
       WHERE p.organisation_id = $1 ORDER BY p.document_number`,
      [organisation.id],
    );
    assert.equal(written.rows.length, rows);
    assert.ok(written.rows.every((r) => r.events === 1));
    const cardNumbers = written.rows.map((r) => r.card_number);
    assert.deepEqual(cardNumbers, [...cardNumbers].sort(), 'card numbers ascend in file order');
    assert.equal(new Set(cardNumbers).size, rows);
  });

  it('only validates on a dry run: nothing is written', async () => {
    const organisation = await given(system).organisation();
    const csv = `${CSV_HEADER}\n${csvRow('DRY0001')}\n${csvRow('DRY0002')}\n`;
    assert.deepEqual(await run(organisation.id, csv, true), {
      created: 0,
      dryRun: true,
      errors: [],
    });
    assert.equal(await count(organisation.id), 0);
    const bad = await run(
      organisation.id,
      `${CSV_HEADER}\n${csvRow('DRY0003', { nationality: 'XX' })}\n`,
      true,
    );
    assert.deepEqual(
      bad.errors.map((e) => [e.line, e.field]),
      [[2, 'nationality']],
    );
  });

  it('writes nothing when any row is invalid, and reports every invalid row by line and column', async () => {
    const organisation = await given(system).organisation();
    await given(system).person(organisation.id, {}, { documentNumber: 'TAKEN001' });
    const csv = [
      'validUntil,validFrom,zones,venues,category,documentNumber,function,nationality,dateOfBirth,familyName,givenName',
      ...[
        csvRow('OKAY0001'),
        csvRow('TAKEN001'),
        csvRow('BAD00001', { nationality: 'ABC', dateOfBirth: '2990-01-01' }),
        csvRow('BAD00002', { category: 'Zz' }),
        csvRow('OKAY0001'),
        csvRow('BAD00003', { venues: '', validFrom: '2026-05-01T00:00:00Z' }),
      ].map((line) => line.split(',').reverse().join(',')),
    ].join('\n');
    const report = await run(organisation.id, csv);
    assert.equal(report.created, 0);
    assert.deepEqual(
      report.errors.map((e) => [e.line, e.field]),
      [
        [3, 'documentNumber'],
        [4, 'dateOfBirth'],
        [4, 'nationality'],
        [5, 'category'],
        [6, 'documentNumber'],
        [7, 'venues'],
        [7, 'validFrom'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    assert.match(report.errors[0].message, /already registered/);
    assert.match(report.errors.find((e) => e.line === 6)!.message, /line 2/);
    assert.equal(await count(organisation.id), 1);
  });

  it('names missing and unknown columns on line 1', async () => {
    const organisation = await given(system).organisation();
    const report = await run(organisation.id, 'givenName,familyName,colour\nAda,Lovelace,red\n');
    assert.equal(report.created, 0);
    assert.deepEqual(
      report.errors.filter((e) => e.line === 1).map((e) => e.field),
      [
        'colour',
        'dateOfBirth',
        'nationality',
        'function',
        'documentNumber',
        'category',
        'venues',
        'zones',
        'validFrom',
        'validUntil',
      ],
    );
  });

  it('reads quoted fields, a BOM and CRLF, and counts lines across quoted line breaks', async () => {
    const organisation = await given(system).organisation();
    const csv =
      `\uFEFF${CSV_HEADER}\r\n` +
      `${csvRow('QUO0001', { givenName: '"Anne ""Nan"""', familyName: '"de la Cruz, Jr"' })}\r\n` +
      `${csvRow('QUO0002', { function: '"Team\r\nDoctor"' })}\r\n` +
      `${csvRow('QUO0003', { nationality: 'XX' })}\r\n`;
    const report = await run(organisation.id, csv);
    assert.deepEqual(
      report.errors.map((e) => [e.line, e.field]),
      [
        [3, 'function'],
        [5, 'nationality'],
      ],
    );
    const fixed = csv.replace('"Team\r\nDoctor"', 'Doctor').replace(',XX,', ',MEX,');
    assert.equal((await run(organisation.id, fixed)).created, 3);
    const anne = await officer.query<{
      people: { nodes: { givenName: string; familyName: string }[] };
    }>(
      'query($id: ID!) { people(filter: { organisationId: $id, search: "QUO0001" }) { nodes { givenName familyName } } }',
      { id: organisation.id },
    );
    assert.deepEqual(anne.people.nodes, [
      { givenName: 'Anne "Nan"', familyName: 'de la Cruz, Jr' },
    ]);
  });

  it('refuses an unknown organisation, an oversized CSV, and callers who may not import', async () => {
    const [unknown] = await officer.errors(IMPORT, {
      input: { organisationId: randomUUID(), csv: `${CSV_HEADER}\n${csvRow('ORG00001')}\n` },
    });
    assert.equal(unknown.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      unknown.extensions?.fields?.map((f) => f.field),
      ['organisationId'],
    );

    const organisation = await given(system).organisation();
    const big = `${CSV_HEADER}\n${csvRow('BIG00001')}\n`.padEnd(15.5 * 1024 * 1024, ' ');
    const [tooBig] = await officer.errors(IMPORT, {
      input: { organisationId: organisation.id, csv: big },
    });
    assert.equal(tooBig.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(
      tooBig.extensions?.fields?.map((f) => f.field),
      ['csv'],
    );

    const viewer = await given(system).user(['VIEWER']);
    const [forbidden] = await viewer.errors(IMPORT, {
      input: { organisationId: organisation.id, csv: `${CSV_HEADER}\n${csvRow('VIEW0001')}\n` },
    });
    assert.equal(forbidden.extensions?.code, 'FORBIDDEN');
    assert.equal(await count(organisation.id), 0);
  });
});

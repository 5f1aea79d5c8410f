import { performance } from 'node:perf_hooks';
import pg from 'pg';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { deployedEnvironment } from '#bench/support/deployed.js';
import { BenchReport } from '#bench/support/report.js';
import { startSystem } from '#tools/in-process-system.js';
import { CSV_HEADER, csvRow } from '#test/accreditation/support.js';
import { given } from '#test/support/given.js';

/**
 * `npm run bench:cards`: a print run for a delegation of 500 approved cards,
 * each with its portrait, as one PDF: cardsPdfUrl through the gateway and the
 * PDF fetched from its link. The quality bar is under 10 s end to end.
 */
const CARDS = Number(process.env.CARDS ?? 500);
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
process.env.LOG_LEVEL ??= 'error';

const bench = new BenchReport('cards');
const system = await startSystem({ label: 'cards_bench', env: deployedEnvironment() });
try {
  bench.progress(`importing ${CARDS} people`);
  const organisation = await given(system).organisation({
    code: 'NOC-PRINT',
    name: 'Print run delegation',
  });
  const rows = Array.from({ length: CARDS }, (_, i) =>
    csvRow(`PR${String(i).padStart(6, '0')}`, {
      venues: i % 2 ? 'NST;NAC;NIS;WKS;CIS;NSS;BNS;BOV' : '*',
      zones: '1;2;3;4',
    }),
  );
  await system.admin.query(
    'mutation($input: ImportPeopleInput!) { importPeople(input: $input) { created } }',
    { input: { organisationId: organisation.id, csv: [CSV_HEADER, ...rows].join('\n') } },
  );
  // Portraits as the service stores them (600 x 800 JPEGs, each a little different).
  const db = new pg.Client({ connectionString: system.databaseUrl });
  await db.connect();
  const people = await db.query<{ person_id: string; id: string }>(
    `SELECT a.person_id, a.id FROM accreditation.accreditations a
     JOIN accreditation.people p ON p.id = a.person_id WHERE p.organisation_id = $1 ORDER BY a.card_number`,
    [organisation.id],
  );
  for (const [i, { person_id: personId }] of people.rows.entries()) {
    const image = await sharp({
      create: { width: 600, height: 800, channels: 3, background: { r: i % 256, g: 140, b: 90 } },
    })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer();
    await db.query(
      `INSERT INTO accreditation.person_photos (person_id, image, thumbnail, width, height, taken_at)
       VALUES ($1, $2, $2, 600, 800, now())`,
      [personId, image],
    );
  }
  await db.end();
  const ids = people.rows.map((r) => r.id);
  bench.progress(`${CARDS} portraits stored; approving`);
  await system.admin.query('mutation($ids: [ID!]!) { approveAccreditations(ids: $ids) { id } }', {
    ids,
  });
  bench.progress(`${CARDS} approved cards with portraits; printing`);

  for (let round = 1; round <= 2; round++) {
    const started = performance.now();
    const { cardsPdfUrl } = await system.admin.query<{ cardsPdfUrl: string }>(
      'query($ids: [ID!]!) { cardsPdfUrl(accreditationIds: $ids) }',
      { ids },
    );
    const res = await fetch(`${new URL(system.url).origin}${cardsPdfUrl}`);
    const pdf = Buffer.from(await res.arrayBuffer());
    const seconds = (performance.now() - started) / 1000;
    if (res.status !== 200) throw new Error(`the print run answered ${res.status}`);
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    if (pages !== CARDS) throw new Error(`${pages} pages for ${CARDS} cards`);
    bench.progress(
      `round ${round}: ${CARDS} cards in one PDF (${(pdf.length / 1024 / 1024).toFixed(1)} MB) in ${seconds.toFixed(2)} s`,
    );
    bench.figure({
      measure: `${CARDS} cards with portraits in one PDF, through the gateway, round ${round}${round === 1 ? '' : ' (warm)'}`,
      value: seconds,
      unit: 's',
      goal: 'under 10 s',
      met: seconds < 10,
    });
  }
  await bench.finish();
} finally {
  await system.stop();
}

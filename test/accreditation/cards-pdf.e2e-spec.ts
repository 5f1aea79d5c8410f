import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { SCREENSHOTS_BUILD_DIR } from '#apps/staff-web/e2e/support/screenshots.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import { portraitJpeg } from '#test/support/portrait.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';

const run = promisify(execFile);
const MM = 72 / 25.4;

const CARD = `query($id: ID!) { person(id: $id) { accreditation { cardToken cardPdfUrl } } }`;

/**
 * Printed cards: the PDF is drawn, rendered to an image with pdftoppm (as a
 * printer would) and its QR code read back with zbarimg
 * (tools/ensure-test-tools.sh installs both).
 */
describe('printed cards, through the gateway', () => {
  let system: RunningSystem;
  let officer: GraphQLClient;
  let viewer: GraphQLClient;
  let inspector: GraphQLClient;
  let organisationId: string;
  let dir: string;

  before(async () => {
    system = await startSystem({ label: 'accreditation_cards_pdf' });
    [officer, viewer, inspector] = await Promise.all([
      given(system).user(['ACCREDITATION_OFFICER']),
      given(system).user(['VIEWER']),
      given(system).user(['INSPECTION_OFFICER']),
    ]);
    organisationId = (await given(system).organisation()).id;
    dir = await mkdtemp(path.join(os.tmpdir(), 'cards-'));
  });
  after(async () => {
    await system?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const pdfAt = async (link: string): Promise<Buffer> => {
    const res = await fetch(`${new URL(system.url).origin}${link}`);
    assert.equal(res.status, 200, res.status === 200 ? '' : await res.text());
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    return Buffer.from(await res.arrayBuffer());
  };
  const cardOf = async (personId: string) =>
    (
      await officer.query<{
        person: { accreditation: { cardToken: string | null; cardPdfUrl: string | null } };
      }>(CARD, { id: personId })
    ).person.accreditation;
  /** The QR codes read from the PDF's pages rendered at 300 dpi, in page order. */
  const qrCodesOf = async (pdf: Buffer, name: string): Promise<string[]> => {
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, pdf);
    await run('pdftoppm', ['-r', '300', '-png', file, path.join(dir, name)]);
    const pages = (await readdir(dir)).filter((f) => f.startsWith(`${name}-`)).sort();
    const codes: string[] = [];
    for (const page of pages) {
      const { stdout } = await run('zbarimg', ['--quiet', '--raw', path.join(dir, page)]);
      codes.push(stdout.trim());
    }
    return codes;
  };
  const textOf = async (pdf: Buffer, name: string): Promise<string> => {
    const file = path.join(dir, `${name}-text.pdf`);
    await writeFile(file, pdf);
    return (await run('pdftotext', ['-layout', file, '-'])).stdout;
  };
  const portrait = async () => (await portraitJpeg()).toString('base64');

  it('prints an ID-1 card whose QR code reads back as the card token; a reissue prints the new one', async () => {
    const person = await given(system).person(
      organisationId,
      { venues: ['NST', 'YAN', 'BIA'], zones: ['1', '2', 'R'] },
      { givenName: 'Eileen', familyName: 'Gu', function: 'Athlete' },
    );
    await officer.query(
      `mutation($id: ID!, $image: String!) { setPersonPhoto(personId: $id, imageBase64: $image) { id } }`,
      { id: person.id, image: await portrait() },
    );
    assert.equal((await cardOf(person.id)).cardPdfUrl, null, 'no card while SUBMITTED');
    await given(system).approve(person.accreditationId);
    const card = await cardOf(person.id);
    const pdf = await pdfAt(card.cardPdfUrl!);

    const doc = await PDFDocument.load(pdf);
    assert.equal(doc.getPageCount(), 1);
    const { width, height } = doc.getPage(0).getSize();
    assert.ok(Math.abs(width / MM - 85.6) < 0.1 && Math.abs(height / MM - 54) < 0.1, 'ID-1');
    assert.deepEqual(await qrCodesOf(pdf, 'single'), [card.cardToken]);
    // The printed card as the README shows it (npm run screenshots copies it).
    await mkdir(SCREENSHOTS_BUILD_DIR, { recursive: true });
    const page = (await readdir(dir)).find((f) => f.startsWith('single-') && f.endsWith('.png'))!;
    await copyFile(path.join(dir, page), path.join(SCREENSHOTS_BUILD_DIR, 'card-printed.png'));
    const text = await textOf(pdf, 'single');
    for (const expected of [
      'Eileen',
      'GU',
      'Athlete',
      'NST YAN BIA',
      `${person.cardNumber.slice(0, 7)}-${person.cardNumber.slice(7)}`,
      'Aa',
    ]) {
      assert.ok(text.includes(expected), `${expected} in ${text}`);
    }
    assert.match(text, /ZONES[\s\S]*1\s*2\s*R/);

    await officer.query(`mutation($id: ID!) { reissueCard(id: $id) { id } }`, {
      id: person.accreditationId,
    });
    const reissued = await cardOf(person.id);
    assert.notEqual(reissued.cardToken, card.cardToken);
    assert.deepEqual(await qrCodesOf(await pdfAt(reissued.cardPdfUrl!), 'reissued'), [
      reissued.cardToken,
    ]);
  });

  it('prints a delegation in one PDF, in the order asked; refuses unknown and unapproved cards', async () => {
    const g = given(system);
    const people = await Promise.all([1, 2, 3].map(() => g.person(organisationId)));
    for (const p of people) await g.approve(p.accreditationId);
    const ids = people.map((p) => p.accreditationId).reverse();
    const { cardsPdfUrl } = await officer.query<{ cardsPdfUrl: string }>(
      `query($ids: [ID!]!) { cardsPdfUrl(accreditationIds: $ids) }`,
      { ids },
    );
    const pdf = await pdfAt(cardsPdfUrl);
    const tokens = await Promise.all(
      [...people].reverse().map(async (p) => (await cardOf(p.id)).cardToken),
    );
    assert.deepEqual(await qrCodesOf(pdf, 'run'), tokens);
    const text = await textOf(pdf, 'run');
    assert.ok(text.includes('NO PORTRAIT'), 'a card without a portrait says so');

    const submitted = await g.person(organisationId);
    const [conflict] = await officer.errors(
      `query($ids: [ID!]!) { cardsPdfUrl(accreditationIds: $ids) }`,
      { ids: [ids[0], submitted.accreditationId] },
    );
    assert.equal(conflict.extensions?.code, 'CONFLICT');
    assert.match(conflict.message, new RegExp(submitted.cardNumber));
    const [unknown] = await officer.errors(
      `query($ids: [ID!]!) { cardsPdfUrl(accreditationIds: $ids) }`,
      { ids: [ids[0], 'nope'] },
    );
    assert.deepEqual(unknown.extensions?.fields, [
      { field: 'accreditationIds[1]', message: 'nope is not an accreditation' },
    ]);
    const [forbidden] = await inspector.errors(
      `query($ids: [ID!]!) { cardsPdfUrl(accreditationIds: $ids) }`,
      { ids },
    );
    assert.equal(forbidden.extensions?.code, 'FORBIDDEN');
    const seen = await viewer.query<{ person: { accreditation: { cardPdfUrl: string | null } } }>(
      `query($id: ID!) { person(id: $id) { accreditation { cardPdfUrl } } }`,
      { id: people[0].id },
    );
    assert.equal(seen.person.accreditation.cardPdfUrl, null);
    const forged = cardsPdfUrl.replace(/sig=[\w-]+/, 'sig=AAAA');
    assert.equal((await fetch(`${new URL(system.url).origin}${forged}`)).status, 403);
  });
});

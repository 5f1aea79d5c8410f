// End-to-end tests of the staff web client against the real running system.
//
//   node apps/staff-web/e2e/run.js            starts the launcher itself (fresh DATA_DIR, free PORT)
//   E2E_BASE_URL=http://host:4000 node ...    uses a running system (admin from E2E_ADMIN_EMAIL/PASSWORD)
//   TEST_DATABASE_URL=postgres://...          the launcher uses a fresh database on that server
//
// Drives Debian's chromium through playwright-core, saves a screenshot of each
// screen to e2e/screenshots/, prints `N passed, N failed` last and exits
// non-zero when anything failed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const shots = path.join(here, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HEADLESS_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const suffix = randomBytes(3).toString('hex');
const PASSWORD = `E2e-${randomBytes(9).toString('base64url')}`;

const results = [];
const cleanups = [];
let baseUrl = process.env.E2E_BASE_URL?.replace(/\/$/, '');
let adminEmail = process.env.E2E_ADMIN_EMAIL ?? 'admin@games.test';
let adminPassword = process.env.E2E_ADMIN_PASSWORD ?? 'admin-password';

function log(...args) {
  console.log('[e2e]', ...args);
}

// ------------------------------------------------------------------ system

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`launcher exited with code ${child.exitCode} before it was healthy`);
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url}/health did not answer 200 within ${timeoutMs / 1000}s`);
}

async function createDatabase(serverUrl) {
  const { default: pg } = await import('pg');
  const name = `e2e_web_${suffix}_${Date.now().toString(36)}`;
  let adminUrl = serverUrl;
  let admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (e) {
    // The named database may not exist yet: the server's maintenance database will do.
    if (e?.code !== '3D000') throw e;
    const maintenance = new URL(serverUrl);
    maintenance.pathname = '/postgres';
    adminUrl = maintenance.toString();
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return url.toString();
}

async function startSystem() {
  const launcher = path.join(root, 'dist/apps/launcher/main.js');
  if (!fs.existsSync(launcher)) {
    throw new Error(`${path.relative(root, launcher)} is missing: run \`npm run build\` first`);
  }
  if (!fs.existsSync(path.join(root, 'dist/staff-web/index.html'))) {
    throw new Error('dist/staff-web is missing: run `npm run build:web` first');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-web-data-'));
  adminEmail = `admin-${suffix}@games.test`;
  adminPassword = PASSWORD;
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
  };
  if (process.env.TEST_DATABASE_URL) {
    env.DATABASE_URL = await createDatabase(process.env.TEST_DATABASE_URL);
  } else {
    delete env.DATABASE_URL;
  }
  const logFile = path.join(dataDir, '..', `e2e-web-launcher-${suffix}.log`);
  const out = fs.openSync(logFile, 'w');
  log(`starting launcher on port ${port} (data ${dataDir}, log ${logFile})`);
  const child = spawn(process.execPath, [launcher], {
    cwd: root,
    env,
    stdio: ['ignore', out, out],
  });
  cleanups.unshift(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await once(child, 'exit');
      clearTimeout(timer);
    }
    fs.closeSync(out);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, 180_000);
  } catch (e) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`${e.message}\n--- launcher log (last lines) ---\n${tail}`);
  }
  log('system is healthy');
}

// ----------------------------------------------------------------- GraphQL

async function gql(query, variables = {}, token) {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-graphql-client': 'staff-web-e2e',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) {
    throw new Error(`GraphQL: ${JSON.stringify(body.errors)} for ${query.slice(0, 80)}`);
  }
  return body.data;
}

async function login(email, password) {
  const data = await gql('mutation($input: LoginInput!) { login(input: $input) { token } }', {
    input: { email, password },
  });
  return data.login.token;
}

const hours = (h) => new Date(Date.now() + h * 3_600_000).toISOString();

/** Everything the scenarios need, made through the public API. */
async function seed() {
  const admin = await login(adminEmail, adminPassword);
  const users = {};
  for (const [key, roles] of Object.entries({
    accreditation: ['ACCREDITATION_OFFICER'],
    inspection: ['INSPECTION_OFFICER'],
    health: ['HEALTH_OFFICER'],
    tracer: ['TRACER'],
    viewer: ['VIEWER'],
  })) {
    const email = `${key}-${suffix}@games.test`;
    await gql(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: { email, password: PASSWORD, roles },
      },
      admin,
    );
    users[key] = email;
  }
  const org = (
    await gql(
      'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id code name } }',
      {
        input: {
          code: `NOC-E2E-${suffix.toUpperCase()}`,
          name: `E2E Olympic Committee ${suffix}`,
          type: 'NOC',
          country: 'NOR',
        },
      },
      admin,
    )
  ).createOrganisation;

  const port = `PEK-T3-${suffix.toUpperCase()}`;
  const gate = `NST-G1-${suffix.toUpperCase()}`;
  for (const input of [
    {
      code: port,
      name: `Capital Airport T3 ${suffix}`,
      kind: 'PORT_OF_ENTRY',
      venueCode: 'PEK',
      zone: 'ARR',
      closedLoop: true,
    },
    {
      code: gate,
      name: `National Stadium gate ${suffix}`,
      kind: 'VENUE',
      venueCode: 'NST',
      zone: '1',
      closedLoop: true,
    },
  ]) {
    await gql(
      'mutation($input: CreateInspectionAreaInput!) { createInspectionArea(input: $input) { id } }',
      { input },
      admin,
    );
  }

  const register = async (givenName, familyName, venues, zones) => {
    const documentNumber = `D${suffix}${givenName}`.toUpperCase();
    const person = (
      await gql(
        `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) {
           id givenName familyName accreditation { id cardNumber } } }`,
        {
          input: {
            organisationId: org.id,
            givenName,
            familyName,
            dateOfBirth: '1995-03-14',
            nationality: 'NOR',
            function: 'Athlete',
            documentNumber,
            accreditation: {
              category: 'Aa',
              venues,
              zones,
              validFrom: hours(-48),
              validUntil: hours(24 * 30),
            },
          },
        },
        admin,
      )
    ).registerPerson;
    const approved = (
      await gql(
        'mutation($id: ID!) { approveAccreditation(id: $id) { cardToken } }',
        {
          id: person.accreditation.id,
        },
        admin,
      )
    ).approveAccreditation;
    return {
      id: person.id,
      accreditationId: person.accreditation.id,
      name: `${givenName} ${familyName}`,
      givenName,
      cardNumber: person.accreditation.cardNumber,
      documentNumber,
      cardToken: approved.cardToken,
    };
  };
  const arrive = async (p) => {
    const a = (
      await gql(
        'mutation($input: ArrivalInput!) { processArrival(input: $input) { decision reasons } }',
        {
          input: {
            id: randomUUID(),
            areaCode: port,
            cardNumber: p.cardNumber,
            documentNumber: p.documentNumber,
          },
        },
        admin,
      )
    ).processArrival;
    if (a.decision !== 'ADMITTED') throw new Error(`seed arrival denied: ${a.reasons.join(',')}`);
  };

  const admitted = await register('Astrid', `Admitted${suffix}`, ['NST'], ['1']);
  const denied = await register('Bjorn', `Denied${suffix}`, ['YAN'], ['2']);
  const offline = await register('Celine', `Offline${suffix}`, ['*'], ['*']);
  const arriving = await register('Dag', `Arriving${suffix}`, ['NST'], ['1']);
  const tested = await register('Eva', `Tested${suffix}`, ['NST'], ['1']);
  const reissued = await register('Freya', `Reissued${suffix}`, ['NST'], ['1']);
  for (const p of [admitted, denied, offline, tested, reissued]) await arrive(p);
  // The printed card is replaced: its token (kept here) is now a superseded one.
  await seedStep('seed: reissue a card', () =>
    gql(
      'mutation($id: ID!) { reissueCard(id: $id) { id } }',
      { id: reissued.accreditationId },
      admin,
    ),
  );
  await seedStep('seed: suspend an accreditation', () =>
    gql(
      'mutation($id: ID!, $r: String!) { suspendAccreditation(id: $id, reason: $r) { status } }',
      { id: denied.accreditationId, r: 'Under review by the e2e test' },
      admin,
    ),
  );

  // Two overlapping stays an hour long, for the trace.
  const place = `BUS-${suffix.toUpperCase()}`;
  const moves = [
    [admitted, 'ENTRY', -5],
    [offline, 'ENTRY', -4.5],
    [admitted, 'EXIT', -3],
    [offline, 'EXIT', -2.5],
  ].map(([p, kind, h]) => ({
    id: randomUUID(),
    personId: p.id,
    location: place,
    kind,
    occurredAt: hours(h),
  }));
  await seedStep('seed: record movements for the trace', () =>
    gql(
      'mutation($input: [RecordMovementInput!]!) { recordMovements(input: $input) { id } }',
      { input: moves },
      admin,
    ),
  );

  return { admin, users, org, port, gate, admitted, denied, offline, arriving, tested, reissued };
}

// ------------------------------------------------------------------ browser

/** A seed step whose failure is reported and does not stop the other scenarios. */
async function seedStep(name, fn) {
  try {
    await fn();
  } catch (e) {
    results.push({ name, ok: false, error: e });
    log(`FAIL ${name}: ${e?.message ?? e}`);
  }
}

/** The page a scenario is on, to photograph when it fails. */
let currentPage = null;

/** Run after every scenario, whatever happened: puts the network back. */
const afterEach = [];

async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    log(`FAIL ${name}: ${e?.stack ?? e}`);
    if (currentPage && !currentPage.isClosed()) {
      const file = path.join(os.tmpdir(), `e2e-web-failed-${name.replace(/\W+/g, '-')}.png`);
      await currentPage.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      log(`  screenshot of the failure: ${file}`);
    }
  } finally {
    for (const restore of afterEach) await restore().catch(() => undefined);
  }
}

/** Closes a gate result left open by an earlier scenario. */
async function clearResult(page) {
  const open = page.getByRole('alertdialog');
  if (await open.count()) await open.getByRole('button', { name: 'Next scan' }).click();
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function shot(page, screen) {
  await page.screenshot({ path: path.join(shots, `${screen}.png`), fullPage: true });
}

async function signIn(browser, email, viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => log(`page error (${email}): ${e.message}`));
  currentPage = page;
  await page.goto(`${baseUrl}/`);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
  return { context, page };
}

async function run(browser, s) {
  await test('login shows the sign-in form and opens the screens of the role', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    currentPage = page;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Games staff sign in' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill(s.users.inspection);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Email or password is not correct.').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await shot(page, 'login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await nav.waitFor();
    const links = await nav.getByRole('link').allTextContents();
    expect(
      JSON.stringify(links) === JSON.stringify(['Gate', 'Arrival desk', 'Live board']),
      `inspection officer sees ${links.join(', ')}`,
    );
    await context.close();
  });

  const gate = await signIn(browser, s.users.inspection);
  const { page } = gate;
  afterEach.push(async () => {
    await gate.context.setOffline(false);
    await page.unroute('**/graphql');
  });

  await test('gate: a scan admitted', async () => {
    await page.goto(`${baseUrl}/#/gate`);
    const area = page.getByLabel('Inspection area');
    await page.locator(`#gate-area option[value="${s.gate}"]`).waitFor({ state: 'attached' });
    await area.selectOption(s.gate);
    await page.getByRole('radio', { name: 'IN (entry)' }).check();
    await page
      .getByRole('textbox', { name: 'Card number or scanned code' })
      .fill(s.admitted.cardNumber);
    await page.getByText('Check digit correct.').waitFor();
    await page.getByRole('button', { name: 'Check card' }).click();
    const result = page.getByRole('alertdialog', { name: 'ADMITTED' });
    await result.waitFor();
    await result.getByText(s.admitted.name).waitFor();
    await shot(page, 'gate-admitted');
    await result.getByRole('button', { name: 'Next scan' }).click();
  });

  await test('gate: a scan denied, with every reason in words', async () => {
    await clearResult(page);
    const field = page.getByRole('textbox', { name: 'Card number or scanned code' });
    const wrong =
      s.denied.cardNumber.slice(0, 7) + String((Number(s.denied.cardNumber[7]) + 1) % 10);
    await field.fill(wrong);
    await page.getByText(/Check digit does not match/).waitFor();
    await field.fill(s.denied.cardNumber);
    await page.getByRole('button', { name: 'Check card' }).click();
    const result = page.getByRole('alertdialog', { name: 'DENIED' });
    await result.waitFor();
    const reasons = await result
      .getByRole('list', { name: 'Reasons for denial' })
      .getByRole('listitem')
      .allTextContents();
    for (const expected of [
      'The accreditation is suspended.',
      'The card does not give access to this venue.',
      'The card does not give access to this zone.',
    ]) {
      expect(reasons.includes(expected), `reasons ${JSON.stringify(reasons)} lack "${expected}"`);
    }
    await shot(page, 'gate-denied');
    await result.getByRole('button', { name: 'Next scan' }).click();
  });

  await test('gate: a card read from a photo of its QR code', async () => {
    await clearResult(page);
    const png = path.join(os.tmpdir(), `e2e-card-${suffix}.png`);
    await QRCode.toFile(png, s.admitted.cardToken, { width: 360, margin: 4 });
    await page.getByRole('radio', { name: 'OUT (exit)' }).check();
    await page.locator('input[type=file]').setInputFiles(png);
    const result = page.getByRole('alertdialog', { name: 'ADMITTED' });
    await result.waitFor();
    await result.getByText(`Exit at`).waitFor();
    await result.getByRole('button', { name: 'Next scan' }).click();
    await page.getByRole('radio', { name: 'IN (entry)' }).check();
    fs.rmSync(png, { force: true });
  });

  await test('gate: offline scan decided on the device, queued, uploaded when back', async () => {
    await clearResult(page);
    await page.getByText(/card keys from/).waitFor();
    await gate.context.setOffline(true);
    const field = page.getByRole('textbox', { name: 'Card number or scanned code' });
    await field.fill(s.offline.cardToken);
    await page.getByText('Card code scanned.').waitFor();
    await page.getByRole('button', { name: 'Check card' }).click();
    const result = page.getByRole('alertdialog', { name: 'ADMITTED' });
    await result.waitFor();
    await result.getByText(/Decided offline on this device/).waitFor();
    await result.getByText(s.offline.name).waitFor();
    await shot(page, 'gate-offline');
    await result.getByRole('button', { name: 'Next scan' }).click();
    await page.getByText('1 scan waiting to upload').waitFor();
    // Back online: the app uploads the queue by itself.
    await gate.context.setOffline(false);
    await page.getByText(/1 queued scan uploaded/).waitFor();
    await page.getByText('0 scans waiting to upload').waitFor();
    await shot(page, 'gate-uploaded');

    // The browser is online but the gateway cannot be reached: same decision
    // on the device; the queue goes up with the button once it is back.
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.getByRole('radio', { name: 'OUT (exit)' }).check();
    await field.fill(s.offline.cardToken);
    await page.getByRole('button', { name: 'Check card' }).click();
    const exit = page.getByRole('alertdialog', { name: 'ADMITTED' });
    await exit.getByText(/Decided offline on this device/).waitFor();
    await exit.getByRole('button', { name: 'Next scan' }).click();
    await page.getByText('1 scan waiting to upload').waitFor();
    await page.getByRole('button', { name: 'Upload queued scans now' }).click();
    await page.getByText(/Still offline/).waitFor();
    await page.unroute('**/graphql');
    // (The periodic retry may get there first.)
    await page
      .getByRole('button', { name: 'Upload queued scans now' })
      .click({ timeout: 3000 })
      .catch(() => undefined);
    await page.getByText('0 scans waiting to upload').waitFor();
    await page.getByRole('radio', { name: 'IN (entry)' }).check();
    const data = await gql(
      'query($p: ID) { checkIns(personId: $p) { nodes { direction decision deviceDecision conflict } } }',
      { p: s.offline.id },
      s.admin,
    );
    const uploaded = data.checkIns.nodes.filter((c) => c.deviceDecision === 'ADMITTED');
    expect(uploaded.length === 2, `uploaded check-ins: ${JSON.stringify(data)}`);
  });

  await test('gate keeps the deny list for offline decisions', async () => {
    await page.getByText(/deny list from/).waitFor();
  });

  await test('gate offline: a replaced card is refused from the cached deny list', async () => {
    await clearResult(page);
    await gate.context.setOffline(true);
    await page
      .getByRole('textbox', { name: 'Card number or scanned code' })
      .fill(s.reissued.cardToken);
    await page.getByRole('button', { name: 'Check card' }).click();
    const result = page.getByRole('alertdialog', { name: 'DENIED' });
    await result.getByText(/Decided offline on this device/).waitFor();
    await result
      .getByText('This card has been replaced by a newer card and is no longer valid.')
      .waitFor();
    await result.getByRole('button', { name: 'Next scan' }).click();
    await gate.context.setOffline(false);
    await page.getByText('0 scans waiting to upload').waitFor();
  });

  await test('gate reloaded while offline opens from the device and still decides', async () => {
    await clearResult(page);
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await gate.context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Gate', level: 1 }).waitFor();
    await page.getByText(/^Offline/).waitFor();
    await page
      .getByRole('textbox', { name: 'Card number or scanned code' })
      .fill(s.offline.cardToken);
    await page.getByRole('button', { name: 'Check card' }).click();
    const result = page.getByRole('alertdialog', { name: 'ADMITTED' });
    await result.getByText(/Decided offline on this device/).waitFor();
    await result.getByRole('button', { name: 'Next scan' }).click();
    await gate.context.setOffline(false);
    await page.getByText('0 scans waiting to upload').waitFor();
  });

  await test('gate works at 768px wide', async () => {
    const tablet = await signIn(browser, s.users.inspection, { width: 768, height: 1024 });
    await tablet.page.goto(`${baseUrl}/#/gate`);
    await tablet.page.getByRole('combobox', { name: 'Inspection area' }).waitFor();
    const overflow = await tablet.page.evaluate(
      // Runs in the page.
      '(() => document.documentElement.scrollWidth > window.innerWidth)()',
    );
    expect(!overflow, 'the gate scrolls sideways at 768px');
    await shot(tablet.page, 'gate-tablet');
    await tablet.context.close();
    currentPage = page;
  });

  await test('arrival desk validates a pre-valid card', async () => {
    await page.goto(`${baseUrl}/#/arrival`);
    await page.locator(`#arrival-area option[value="${s.port}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('Port of entry').selectOption(s.port);
    await page
      .getByRole('textbox', { name: 'Card number', exact: true })
      .fill(s.arriving.cardNumber);
    await page.getByLabel('Passport or ID number').fill('WRONG123');
    await page.getByRole('button', { name: 'Process arrival' }).click();
    await page.getByText('The passport or ID number does not match the accreditation.').waitFor();
    await page
      .getByRole('textbox', { name: 'Card number', exact: true })
      .fill(s.arriving.cardNumber);
    await page.getByLabel('Passport or ID number').fill(s.arriving.documentNumber);
    await page.getByLabel('Flight number (optional)').fill('CA908');
    await page.getByRole('button', { name: 'Process arrival' }).click();
    const decision = page.getByRole('status', { name: 'Arrival decision' });
    await decision.getByText('ADMITTED').waitFor();
    await decision.getByText(/now ACTIVE/).waitFor();
    await shot(page, 'arrival');
  });

  await test('live board shows occupancy and the check-ins as they happen', async () => {
    await page.goto(`${baseUrl}/#/live`);
    await page.getByRole('table', { name: 'Inspection areas' }).getByText(s.gate).waitFor();
    await page.waitForTimeout(1500);
    await gql(
      'mutation($input: CheckInInput!) { checkIn(input: $input) { decision } }',
      {
        input: {
          id: randomUUID(),
          areaCode: s.gate,
          direction: 'IN',
          cardNumber: s.denied.cardNumber,
        },
      },
      s.admin,
    );
    await page.locator('.feed li').filter({ hasText: s.denied.name }).first().waitFor();
    await shot(page, 'live');
  });
  afterEach.length = 0;
  await gate.context.close();

  const office = await signIn(browser, s.users.accreditation);
  await test('accreditation office: search, person page with QR code', async () => {
    const p = office.page;
    await p.goto(`${baseUrl}/#/people`);
    await p.getByRole('searchbox', { name: 'Search people' }).fill(`Admitted${suffix}`);
    await p.getByText('1 person found').waitFor();
    await shot(p, 'people');
    await p.getByRole('link', { name: s.admitted.name }).click();
    await p
      .getByRole('img', { name: `QR code of card ${s.admitted.cardNumber} for ${s.admitted.name}` })
      .waitFor();
    await p.getByRole('heading', { name: /^Movements/ }).waitFor();
    await shot(p, 'person');
  });

  await test('accreditation office: suspend asks a reason, then reinstate', async () => {
    const p = office.page;
    await p.getByRole('button', { name: 'Suspend…' }).click();
    const dialog = p.getByRole('dialog', { name: `Suspend ${s.admitted.name}` });
    await dialog.getByLabel('Reason').fill('Card reported lost');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await p.getByText('Accreditation suspended.').waitFor();
    await p.getByText('“Card reported lost”').waitFor();
    await p.getByRole('button', { name: 'Reinstate' }).click();
    await p.getByText('Accreditation reinstated.').waitFor();
  });

  await test('register form shows the server’s field errors by each field', async () => {
    const p = office.page;
    await p.goto(`${baseUrl}/#/register`);
    await p
      .locator(`#reg-organisationId option[value="${s.org.id}"]`)
      .waitFor({ state: 'attached' });
    await p.getByLabel('Organisation').selectOption(s.org.id);
    await p.getByLabel('Given name').fill('Frida');
    await p.getByLabel('Family name').fill(`Form${suffix}`);
    await p.getByLabel('Date of birth').fill('2090-01-01');
    await p.getByLabel('Nationality (ISO 3166 alpha-3)').fill('XQZ');
    await p.getByLabel('Function').fill('Coach');
    await p.getByLabel('Passport or ID number').fill(`F${suffix}`);
    await p.getByLabel('Category').fill('Ao');
    await p.getByLabel('Venues').fill('NST; YAN');
    await p.getByLabel('Zones').fill('1,2');
    await p.getByLabel('Valid from').fill('2026-03-10T08:00');
    await p.getByLabel('Valid until').fill('2026-03-01T08:00');
    await p.getByRole('button', { name: 'Register' }).click();
    await p.locator('.field-error').first().waitFor();
    const invalid = await p.locator('[aria-invalid="true"]').count();
    expect(invalid > 0, 'no field is marked invalid');
    await shot(p, 'register-errors');
  });

  await test('CSV import: dry run lists errors by line, then a clean file is imported', async () => {
    const p = office.page;
    await p.goto(`${baseUrl}/#/import`);
    await p.locator(`#import-org option[value="${s.org.id}"]`).waitFor({ state: 'attached' });
    await p.getByLabel('Organisation').selectOption(s.org.id);
    const header =
      'givenName,familyName,dateOfBirth,nationality,function,documentNumber,category,venues,zones,validFrom,validUntil';
    const row = (g, f, dob, nat, doc) =>
      `${g},${f},${dob},${nat},Athlete,${doc},Aa,NST;YAN,1;2,${hours(-1)},${hours(24 * 20)}`;
    const bad = [
      header,
      row('Gro', `Csv${suffix}`, '1990-05-01', 'NOR', `G1${suffix}`),
      row('Hans', `Csv${suffix}`, 'not-a-date', 'NOR', `H1${suffix}`),
    ].join('\n');
    await p.getByLabel('CSV file').setInputFiles({
      name: 'delegation-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad),
    });
    await p.getByRole('button', { name: 'Check file (dry run)' }).click();
    const table = p.getByRole('table', { name: 'Problems by line and field' });
    await table.waitFor();
    const firstLine = await table.getByRole('row').nth(1).getByRole('cell').first().textContent();
    expect(firstLine === '3', `first problem on line ${firstLine}, expected 3`);
    expect(
      await p.getByRole('button', { name: 'Import 2 people' }).isDisabled(),
      'import enabled after errors',
    );
    await shot(p, 'import-errors');
    const good = [
      header,
      row('Gro', `Csv${suffix}`, '1990-05-01', 'NOR', `G1${suffix}`),
      row('Hans', `Csv${suffix}`, '1991-06-02', 'NOR', `H1${suffix}`),
    ].join('\n');
    await p
      .getByLabel('CSV file')
      .setInputFiles({ name: 'delegation.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await p.getByRole('button', { name: 'Check file (dry run)' }).click();
    await p.getByText('No problems found in 2 rows', { exact: false }).waitFor();
    await p.getByRole('button', { name: 'Import 2 people' }).click();
    await p.getByText('Imported 2 people.').waitFor();
    await shot(p, 'import-done');
    const data = await gql(
      'query($f: PeopleFilter) { people(filter: $f) { totalCount } }',
      {
        f: { search: `Csv${suffix}` },
      },
      s.admin,
    );
    expect(data.people.totalCount === 2, `imported ${data.people.totalCount} people, expected 2`);
  });
  await office.context.close();

  await test('health desk: a positive test isolates, release asks a reason', async () => {
    const { context, page: p } = await signIn(browser, s.users.health);
    await p.goto(`${baseUrl}/#/health`);
    await p.getByRole('searchbox', { name: 'Person tested' }).fill(`Tested${suffix}`);
    await p.getByRole('button', { name: new RegExp(`^Select ${s.tested.name}`) }).click();
    await p.getByRole('radio', { name: 'Positive' }).check();
    await p.getByRole('button', { name: 'Record result' }).click();
    await p.getByText(/Closed-loop status: ISOLATED/).waitFor();
    await p.getByRole('button', { name: `Release ${s.tested.name}…` }).waitFor();
    await shot(p, 'health');
    await p.getByRole('button', { name: `Release ${s.tested.name}…` }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Reason for release').fill('Repeat PCR negative twice');
    await dialog.getByRole('button', { name: 'Release' }).click();
    await p.getByText(`${s.tested.name} released: now IN_LOOP.`).waitFor();
    await context.close();
  });

  await test('tracing: stays, ranked contacts, designation after confirmation', async () => {
    const { context, page: p } = await signIn(browser, s.users.tracer);
    await p.goto(`${baseUrl}/#/tracing`);
    await p.getByRole('searchbox', { name: 'Person to trace' }).fill(`Admitted${suffix}`);
    await p.getByRole('button', { name: new RegExp(`^Select ${s.admitted.name}`) }).click();
    await p.getByRole('button', { name: 'Find stays and contacts' }).click();
    await p.getByRole('heading', { name: /^Contacts \(1\)/ }).waitFor();
    const contacts = p.getByRole('table', { name: 'Contacts, most minutes first' });
    await contacts.getByText(s.offline.name).waitFor();
    await contacts.getByText('90', { exact: true }).waitFor();
    await shot(p, 'tracing');
    await p.getByRole('button', { name: 'Designate 1 close contact…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Designate close contacts?' });
    await dialog
      .getByRole('list', { name: 'People to be marked' })
      .getByText(s.offline.name, { exact: false })
      .waitFor();
    await shot(p, 'tracing-confirm');
    await dialog.getByRole('button', { name: 'Mark 1 as close contacts' }).click();
    await p.getByText(/1 people marked as close contacts/).waitFor();
    const data = await gql(
      'query($id: ID!) { person(id: $id) { closedLoop { status } } }',
      { id: s.offline.id },
      s.admin,
    );
    expect(
      data.person.closedLoop.status === 'CLOSE_CONTACT',
      `status is ${data.person.closedLoop.status}`,
    );
    await context.close();
  });

  await test('viewer reads the accreditation office without actions', async () => {
    const { context, page: p } = await signIn(browser, s.users.viewer);
    await p.goto(`${baseUrl}/#/person/${encodeURIComponent(s.admitted.id)}`);
    await p.getByRole('heading', { name: s.admitted.name }).waitFor();
    expect(
      (await p.getByRole('button', { name: 'Suspend…' }).count()) === 0,
      'viewer sees Suspend',
    );
    expect((await p.getByRole('link', { name: 'Gate' }).count()) === 0, 'viewer sees the gate');
    await context.close();
  });
}

// -------------------------------------------------------------------- main

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  let browser;
  try {
    if (!baseUrl) await startSystem();
    else await waitForHealth(baseUrl, null, 60_000);
    const s = await seed();
    log('seeded');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: HEADLESS_ARGS,
    });
    await run(browser, s);
  } catch (e) {
    results.push({ name: 'setup', ok: false, error: e });
    log(`FAIL setup: ${e?.stack ?? e}`);
  } finally {
    await browser?.close().catch(() => undefined);
    for (const cleanup of cleanups) {
      await cleanup().catch((e) => log(`cleanup: ${e.message}`));
    }
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void Promise.all(cleanups.map((c) => c().catch(() => undefined))).then(() => process.exit(130));
  });
}

await main();

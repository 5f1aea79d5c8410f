import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

/** Clicks a download button and opens the CSV it gives. */
async function download(page: Page, button: string): Promise<{ name: string; rows: string[][] }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const text = await readFile(await file.path(), 'utf8');
  return { name: file.suggestedFilename(), rows: parse(text, { bom: true }) };
}

screen('Exports', () => {
  scenario('the people list downloads as CSV with the search on screen', async (s) => {
    const organisation = await s.given.organisation();
    const a = await s.given.approvedPerson(organisation.id);
    await s.given.approvedPerson(organisation.id);
    const tab = await s.signIn('ACCREDITATION_OFFICER');
    await tab.open('people');
    await tab.page.getByLabel('Search people').fill(a.familyName);
    await tab.page.getByText('1 person found').waitFor();
    const csv = await download(tab.page, 'Download CSV');
    assert.match(csv.name, /^people-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(csv.rows[0][0], 'Family name');
    assert.deepEqual(
      csv.rows.slice(1).map((r) => [r[0], r[1], r[4]]),
      [[a.familyName, a.givenName, a.cardNumber]],
    );
    await tab.shot('people-export');
  });

  scenario('denied scans at a gate download as CSV with their reasons in words', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['YAN'], zones: ['2'] });
    const area = await s.given.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });
    await s.admin.query('mutation($input: CheckInInput!) { checkIn(input: $input) { decision } }', {
      input: {
        id: randomUUID(),
        areaCode: area.code,
        direction: 'IN',
        cardNumber: person.cardNumber,
      },
    });
    const tab = await s.signIn('INSPECTION_OFFICER');
    await tab.open('conflicts');
    await tab.page
      .locator(`#conflicts-area option[value="${area.code}"]`)
      .waitFor({ state: 'attached' });
    await tab.page.getByLabel('Inspection area').selectOption(area.code);
    const csv = await download(tab.page, `Download denied scans at ${area.code} (CSV)`);
    assert.equal(csv.rows.length, 2);
    assert.equal(csv.rows[1][1], area.code);
    assert.equal(csv.rows[1][3], person.cardNumber);
    assert.match(csv.rows[1][7], /The card does not give access to this venue\./);
  });

  scenario('tests due download as CSV and print as a report of their own', async (s) => {
    const organisation = await s.given.organisation();
    const port = await s.given.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
    const person = await s.given.approvedPerson(organisation.id, {
      validFrom: new Date(Date.now() - 72 * 3_600_000).toISOString(),
    });
    const arrival = await s.given.arrive(
      port.code,
      person.cardNumber,
      person.documentNumber,
      new Date(Date.now() - 30 * 3_600_000).toISOString(),
    );
    assert.equal(arrival.decision, 'ADMITTED');
    const tab = await s.signIn('HEALTH_OFFICER');
    await tab.open('health');
    await tab.page
      .getByRole('list', { name: 'Tests due today, overdue first' })
      .getByText(person.name)
      .waitFor();
    const csv = await download(tab.page, 'Download tests due (CSV)');
    assert.match(csv.name, /^tests-due-\d{4}-\d{2}-\d{2}\.csv$/);
    const row = csv.rows.find((r) => r[5] === person.cardNumber);
    assert.deepEqual(row?.slice(1, 4), ['overdue', person.familyName, person.givenName]);

    // The browser's print dialog is replaced by a count: the page is then looked at as printed.
    await tab.page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => {
        w.printed += 1;
      };
    });
    await tab.page.getByRole('button', { name: 'Print tests due' }).click();
    await tab.page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
    await tab.page.emulateMedia({ media: 'print' });
    const report = tab.page.locator('.print-report');
    assert.equal(await report.isVisible(), true);
    assert.equal(await tab.page.locator('#root').isVisible(), false, 'the screen is not printed');
    const text = (await report.textContent()) ?? '';
    assert.match(text, /Tests due today/);
    assert.match(text, /Due before/);
    assert.match(text, /Generated /);
    assert.ok(text.includes(person.cardNumber), 'the row is printed');
    await tab.shot('tests-due-printed');
    await tab.page.emulateMedia({ media: 'screen' });
  });
});

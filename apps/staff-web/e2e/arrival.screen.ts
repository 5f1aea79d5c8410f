import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import {
  scenario,
  screen,
  TABLET,
  type Scenario,
  type StaffPage,
} from '#apps/staff-web/e2e/support/staff-web.js';

/** True when the whole element is inside the window: seen without scrolling further. */
const inView = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return (
      r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth
    );
  });

async function openDesk(s: Scenario, viewport: { width: number; height: number }) {
  const port = await s.given.area({
    kind: 'PORT_OF_ENTRY',
    venueCode: 'PEK',
    zone: 'ARR',
    closedLoop: true,
  });
  const tab: StaffPage = await s.signIn('INSPECTION_OFFICER', { viewport });
  await tab.open('arrival');
  await tab.page
    .locator(`#arrival-area option[value="${port.code}"]`)
    .waitFor({ state: 'attached' });
  await tab.page.getByLabel('Port of entry').selectOption(port.code);
  return tab;
}

const fields = (page: Page) => ({
  card: page.getByRole('textbox', { name: 'Card number', exact: true }),
  doc: page.getByLabel('Passport or ID number'),
  flight: page.getByLabel('Flight number (optional)'),
  submit: page.getByRole('button', { name: 'Process arrival' }),
  verdict: page.getByRole('status', { name: 'Arrival decision' }),
});

screen('Arrival desk', () => {
  scenario(
    'the arrival desk validates a pre-valid card, after refusing a wrong passport',
    async (s) => {
      const organisation = await s.given.organisation();
      const person = await s.given.approvedPerson(organisation.id, {
        venues: ['NST'],
        zones: ['1'],
      });
      const port = await s.given.area({
        kind: 'PORT_OF_ENTRY',
        venueCode: 'PEK',
        zone: 'ARR',
        closedLoop: true,
      });
      const { page, open, shot } = await s.signIn('INSPECTION_OFFICER');
      await open('arrival');
      await page
        .locator(`#arrival-area option[value="${port.code}"]`)
        .waitFor({ state: 'attached' });
      await page.getByLabel('Port of entry').selectOption(port.code);
      const card = page.getByRole('textbox', { name: 'Card number', exact: true });
      await card.fill(person.cardNumber);
      await page.getByLabel('Passport or ID number').fill('WRONG123');
      await page.getByRole('button', { name: 'Process arrival' }).click();
      await page.getByText('The passport or ID number does not match the accreditation.').waitFor();
      await card.fill(person.cardNumber);
      await page.getByLabel('Passport or ID number').fill(person.documentNumber);
      await page.getByLabel('Flight number (optional)').fill('CA908');
      await page.getByRole('button', { name: 'Process arrival' }).click();
      const decision = page.getByRole('status', { name: 'Arrival decision' });
      await decision.getByText('ADMITTED').waitFor();
      await decision.getByText(/now ACTIVE/).waitFor();
      await shot('arrival');
    },
  );

  scenario(
    'on a 1024x768 tablet: a denial keeps the fields and marks the wrong one, the verdict in view, a flight tidied, a repeat said plainly',
    async (s) => {
      const organisation = await s.given.organisation();
      const person = await s.given.approvedPerson(organisation.id);
      const tab = await openDesk(s, { width: 1024, height: 768 });
      const f = fields(tab.page);
      await f.card.fill(person.cardNumber);
      await f.doc.fill('WRONG123');
      await f.flight.fill('ca 908');
      await f.submit.click();
      await f.verdict.getByText('DENIED').waitFor();
      assert.equal(await inView(f.verdict), true, 'the verdict is in view');
      assert.equal(await f.card.inputValue(), person.cardNumber);
      assert.equal(await f.doc.inputValue(), 'WRONG123');
      assert.equal(await f.doc.getAttribute('aria-invalid'), 'true');
      await tab.page.getByText('Does not match the document on the accreditation.').waitFor();
      assert.equal(await f.flight.inputValue(), 'CA908');
      await tab.shot('arrival-denied-fields-kept');

      await f.flight.fill('SK-4021');
      await f.flight.blur();
      await tab.page.getByText(/Flight number must be a flight number like CA123/).waitFor();
      await f.flight.fill('sk 4021');
      await f.doc.fill(person.documentNumber);
      await f.submit.click();
      await f.verdict.getByText('ADMITTED').waitFor();
      assert.equal(await inView(f.verdict), true, 'the verdict is in view');
      assert.equal(await f.card.inputValue(), '', 'ready for the next person');

      await f.card.fill(person.cardNumber);
      await f.doc.fill(person.documentNumber);
      await f.submit.click();
      await f.verdict.getByText(`${person.name} already arrived at`, { exact: false }).waitFor();
      assert.equal(await f.verdict.getByText('ADMITTED').count(), 0);
      await tab.shot('arrival-already-arrived');
    },
  );

  scenario(
    'on a 768x1024 tablet: the verdict in view, a departure confirmed first and named after',
    async (s) => {
      const organisation = await s.given.organisation();
      const person = await s.given.approvedPerson(organisation.id);
      const tab = await openDesk(s, TABLET);
      const f = fields(tab.page);
      await f.card.fill(person.cardNumber);
      await f.doc.fill(person.documentNumber);
      await f.submit.click();
      await f.verdict.getByText('ADMITTED').waitFor();
      assert.equal(await inView(f.verdict), true, 'the verdict is in view');
      await tab.shot('arrival-tablet-portrait');

      await tab.page
        .getByRole('textbox', { name: 'Departing card number' })
        .fill(person.cardNumber);
      await tab.page.getByRole('button', { name: 'Record departure…' }).click();
      const dialog = tab.page.getByRole('dialog', {
        name: `Record the departure of ${person.name}?`,
      });
      await dialog.waitFor();
      await tab.shot('arrival-departure-confirm');
      await dialog.getByRole('button', { name: 'Record departure' }).click();
      await tab.page.getByText(`Departure recorded: ${person.name} (card`).waitFor();
      await tab.shot('arrival-departed');
    },
  );
});

import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import { GateScreen } from '#apps/staff-web/e2e/support/gate.js';
import { seed } from '#apps/staff-web/e2e/support/seed.js';
import { scenario, screen, type Scenario } from '#apps/staff-web/e2e/support/staff-web.js';

/** A closed-loop stadium gate (venue NST, zone 1) of the scenario's own. */
const stadiumGate = (s: Scenario) =>
  s.given.area({ kind: 'VENUE', venueCode: 'NST', zone: '1', closedLoop: true });

screen('Gate', () => {
  scenario('a scan admitted', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['NST'], zones: ['1'] });
    const area = await stadiumGate(s);
    const gate = new GateScreen(await s.signIn('INSPECTION_OFFICER'));
    await gate.open(area.code, 'IN');
    await gate.cardField.fill(person.cardNumber);
    await gate.page.getByText('Check digit correct.').waitFor();
    await gate.page.getByRole('button', { name: 'Check card' }).click();
    const verdict = await gate.verdict();
    assert.equal(verdict.decision, 'ADMITTED');
    assert.equal(verdict.person, person.name);
    assert.deepEqual(verdict.reasons, []);
    await gate.tab.shot('gate-admitted');
    await gate.next();
  });

  scenario('a scan denied, with every reason in words', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['YAN'], zones: ['2'] });
    await seed(s.admin).suspend(person.accreditationId);
    const area = await stadiumGate(s);
    const gate = new GateScreen(await s.signIn('INSPECTION_OFFICER'));
    await gate.open(area.code, 'IN');
    const card = person.cardNumber;
    const wrongDigit = card.slice(0, 7) + String((Number(card[7]) + 1) % 10);
    await gate.cardField.fill(wrongDigit);
    await gate.page.getByText(/Check digit does not match/).waitFor();
    const verdict = await gate.check(card);
    assert.equal(verdict.decision, 'DENIED');
    for (const expected of [
      'The accreditation is suspended.',
      'The card does not give access to this venue.',
      'The card does not give access to this zone.',
    ]) {
      assert.ok(
        verdict.reasons.includes(expected),
        `reasons ${JSON.stringify(verdict.reasons)} lack "${expected}"`,
      );
    }
    await gate.tab.shot('gate-denied');
  });

  scenario('a card read from a photo of its QR code', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['NST'], zones: ['1'] });
    const area = await stadiumGate(s);
    const gate = new GateScreen(await s.signIn('INSPECTION_OFFICER'));
    await gate.open(area.code, 'OUT');
    const photo = await QRCode.toBuffer(person.cardToken, { width: 360, margin: 4 });
    await gate.page
      .locator('input[type=file]')
      .setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: photo });
    const verdict = await gate.verdict();
    assert.equal(verdict.decision, 'ADMITTED');
    assert.equal(verdict.person, person.name);
    assert.match(verdict.direction, /^Exit at/);
  });
});

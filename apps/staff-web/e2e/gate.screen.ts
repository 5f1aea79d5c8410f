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

  scenario(
    'the scan just made annulled, with a reason: the person no longer counts there',
    async (s) => {
      const organisation = await s.given.organisation();
      const person = await s.given.arrivedPerson(organisation.id, {
        venues: ['NST'],
        zones: ['1'],
      });
      const area = await stadiumGate(s);
      const occupancy = async () =>
        (
          await s.admin.query<{ inspectionArea: { occupancy: number } }>(
            'query($c: String!) { inspectionArea(code: $c) { occupancy } }',
            { c: area.code },
          )
        ).inspectionArea.occupancy;
      const gate = new GateScreen(await s.signIn('INSPECTION_OFFICER'));
      await gate.open(area.code, 'IN');
      assert.equal((await gate.check(person.cardNumber)).decision, 'ADMITTED');
      assert.equal(await occupancy(), 1);
      await gate.page
        .getByRole('alertdialog')
        .getByRole('button', { name: 'Annul this scan…' })
        .click();
      const dialog = gate.page.getByRole('dialog', { name: 'Annul this scan?' });
      const annul = dialog.getByRole('button', { name: 'Annul the scan' });
      assert.equal(await annul.isDisabled(), true, 'a reason is required');
      await dialog.getByLabel('Reason (required)').fill('Scanned the wrong card');
      await gate.tab.shot('gate-annul-confirm');
      await annul.click();
      await gate.page
        .getByText(`Scan annulled: ${person.name} is no longer counted at Test area.`)
        .waitFor();
      await gate.tab.shot('gate-annulled');
      assert.equal(await occupancy(), 0);
    },
  );

  scenario('a scan annulled elsewhere already: the gate shows the refusal', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['NST'], zones: ['1'] });
    const area = await stadiumGate(s);
    const gate = new GateScreen(await s.signIn('INSPECTION_OFFICER'));
    await gate.open(area.code, 'IN');
    assert.equal((await gate.check(person.cardNumber)).decision, 'ADMITTED');
    await gate.next();
    const found = await s.admin.query<{ checkIns: { nodes: { id: string }[] } }>(
      'query($c: String!) { checkIns(areaCode: $c, first: 1) { nodes { id } } }',
      { c: area.code },
    );
    await s.admin.query(
      'mutation($id: ID!) { annulCheckIn(id: $id, reason: "by the office") { id } }',
      {
        id: found.checkIns.nodes[0].id,
      },
    );
    await gate.page.getByRole('button', { name: 'Annul this scan…' }).click();
    const dialog = gate.page.getByRole('dialog', { name: 'Annul this scan?' });
    await dialog.getByLabel('Reason (required)').fill('Wrong card');
    await dialog.getByRole('button', { name: 'Annul the scan' }).click();
    await gate.page
      .getByRole('alert')
      .getByText(/Not annulled\. Not possible now: .*already annulled/)
      .waitFor();
  });
});

import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

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
});

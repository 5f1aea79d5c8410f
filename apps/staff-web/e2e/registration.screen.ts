import assert from 'node:assert/strict';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Registration', () => {
  scenario('the register form shows the server’s field errors by each field', async (s) => {
    const organisation = await s.given.organisation();
    const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
    await open('register');
    await page
      .locator(`#reg-organisationId option[value="${organisation.id}"]`)
      .waitFor({ state: 'attached' });
    await page.getByLabel('Organisation').selectOption(organisation.id);
    await page.getByLabel('Given name').fill('Frida');
    await page.getByLabel('Family name').fill('Form');
    await page.getByLabel('Date of birth').fill('2090-01-01');
    await page.getByLabel('Nationality (ISO 3166 alpha-3)').fill('XQZ');
    await page.getByLabel('Function').fill('Coach');
    await page.getByLabel('Passport or ID number').fill('F1234567');
    await page.getByLabel('Category').fill('Ao');
    await page.getByLabel('Venues').fill('NST; YAN');
    await page.getByLabel('Zones').fill('1,2');
    await page.getByLabel('Valid from').fill('2026-03-10T08:00');
    await page.getByLabel('Valid until').fill('2026-03-01T08:00');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('.field-error').first().waitFor();
    assert.ok(
      (await page.locator('[aria-invalid="true"]').count()) > 0,
      'no field is marked invalid',
    );
    await shot('register-errors');
    const data = await s.admin.query<{ people: { totalCount: number } }>(
      'query($id: ID!) { people(filter: { organisationId: $id }) { totalCount } }',
      { id: organisation.id },
    );
    assert.equal(data.people.totalCount, 0, 'nobody was registered');
  });
});

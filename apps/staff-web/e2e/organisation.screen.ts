import assert from 'node:assert/strict';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Organisations', () => {
  scenario(
    'an organisation is created from the form and listed; a bad country is named',
    async (s) => {
      const code = `NOC-WEB-${Date.now().toString(36).toUpperCase()}`;
      const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
      await open('organisations');
      await page.getByLabel('Code').fill(code);
      await page.getByLabel('Name').fill('Web Olympic Committee');
      await page.getByLabel('Type').selectOption('NOC');
      await page.getByLabel('Country (optional)').fill('XQZ');
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await page.locator('.field-error').first().waitFor();
      assert.equal(
        await page.getByLabel('Country (optional)').getAttribute('aria-invalid'),
        'true',
      );

      await page.getByLabel('Country (optional)').fill('NOR');
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await page.getByText(`Created Web Olympic Committee (${code}).`).waitFor();
      await page.getByRole('table', { name: 'All organisations' }).getByText(code).waitFor();
      await shot('organisations');
      const data = await s.admin.query<{
        organisations: { code: string; country: string | null }[];
      }>('{ organisations { code country } }');
      assert.deepEqual(
        data.organisations.filter((o) => o.code === code),
        [{ code, country: 'NOR' }],
      );
    },
  );
});

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
    await page.locator('#reg-category option[value="Ao"]').waitFor({ state: 'attached' });
    assert.equal(
      await page.locator('#reg-category option[value="Ao"]').textContent(),
      'Ao — Team official',
    );
    await page.getByLabel('Category').selectOption('Ao');
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

  scenario(
    'after a registration the form keeps organisation, category and validity for the next person',
    async (s) => {
      const organisation = await s.given.organisation();
      const { page, open } = await s.signIn('ACCREDITATION_OFFICER');
      await open('register');
      await page
        .locator(`#reg-organisationId option[value="${organisation.id}"]`)
        .waitFor({ state: 'attached' });
      await page.locator('#reg-category option[value="Ao"]').waitFor({ state: 'attached' });
      await page.getByLabel('Organisation').selectOption(organisation.id);
      await page.getByLabel('Category').selectOption('Ao');
      await page.getByLabel('Valid from').fill('2026-03-01T08:00');
      await page.getByLabel('Valid until').fill('2026-03-20T08:00');
      const person = async (given: string, document: string) => {
        await page.getByLabel('Given name').fill(given);
        await page.getByLabel('Family name').fill('Delegation');
        await page.getByLabel('Date of birth').fill('1995-04-01');
        await page.getByLabel('Nationality (ISO 3166 alpha-3)').fill('NOR');
        await page.getByLabel('Function').fill('Coach');
        await page.getByLabel('Passport or ID number').fill(document);
        await page.getByLabel('Venues').fill('NST');
        await page.getByLabel('Zones').fill('1');
        await page.getByRole('button', { name: 'Register' }).click();
        await page.getByRole('link', { name: `${given} Delegation` }).waitFor();
      };
      await person('Ingrid', `N${Date.now()}`);
      assert.equal(await page.getByLabel('Given name').inputValue(), '');
      assert.equal(await page.getByLabel('Category').inputValue(), 'Ao');
      await person('Marit', `M${Date.now()}`);
      const data = await s.admin.query<{
        people: {
          nodes: { givenName: string; accreditation: { category: string; validFrom: string } }[];
        };
      }>(
        'query($id: ID!) { people(filter: { organisationId: $id }) { nodes { givenName accreditation { category validFrom } } } }',
        { id: organisation.id },
      );
      assert.deepEqual(
        data.people.nodes.map((p) => [p.givenName, p.accreditation.category]).sort(),
        [
          ['Ingrid', 'Ao'],
          ['Marit', 'Ao'],
        ],
      );
      assert.equal(
        data.people.nodes[0].accreditation.validFrom,
        data.people.nodes[1].accreditation.validFrom,
      );
    },
  );
});

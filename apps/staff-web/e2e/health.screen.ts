import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Health desk', () => {
  scenario('a positive test isolates, and release asks a reason', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Eva' });
    const { page, open, shot } = await s.signIn('HEALTH_OFFICER');
    await open('health');
    await page.getByRole('searchbox', { name: 'Person tested' }).fill(person.familyName);
    await page.getByRole('button', { name: new RegExp(`^Select ${person.name}`) }).click();
    await page.getByRole('radio', { name: 'Positive' }).check();
    await page.getByRole('button', { name: 'Record result' }).click();
    await page.getByText(/Closed-loop status: ISOLATED/).waitFor();
    const release = page.getByRole('button', { name: `Release ${person.name}…` });
    await release.waitFor();
    await shot('health');
    await release.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason for release').fill('Repeat PCR negative twice');
    await dialog.getByRole('button', { name: 'Release' }).click();
    await page.getByText(`${person.name} released: now IN_LOOP.`).waitFor();
  });
});

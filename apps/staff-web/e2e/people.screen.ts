import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('People search', () => {
  scenario('search as you type finds the person and opens their page', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Astrid' });
    await s.given.person(organisation.id, {}, { givenName: 'Someone', familyName: 'Else' });
    const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
    await open('people');
    await page.getByRole('searchbox', { name: 'Search people' }).fill(person.familyName);
    await page.getByText('1 person found').waitFor();
    await shot('people');
    await page.getByRole('link', { name: person.name }).click();
    await page.getByRole('heading', { name: person.name, level: 1 }).waitFor();
  });
});

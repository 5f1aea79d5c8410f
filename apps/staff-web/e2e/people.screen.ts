import assert from 'node:assert/strict';
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

  scenario('selected people are suspended in one step, for one reason', async (s) => {
    const organisation = await s.given.organisation();
    const a = await s.given.approvedPerson(
      organisation.id,
      {},
      { familyName: `Bulk${Date.now()}` },
    );
    const b = await s.given.approvedPerson(organisation.id, {}, { familyName: a.familyName });
    const other = await s.given.approvedPerson(organisation.id);
    const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
    await open('people');
    await page.getByRole('searchbox', { name: 'Search people' }).fill(a.familyName);
    await page.getByText('2 people found').waitFor();
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    await page.getByRole('button', { name: 'Suspend selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Suspend 2 accreditations?' });
    await dialog.getByLabel('Reason (kept in each history)').fill('Delegation withdrawn');
    await shot('people-bulk-suspend');
    await dialog.getByRole('button', { name: 'Suspend 2' }).click();
    await page.getByText(/2 accreditations suspended/).waitFor();
    const status = async (id: string) =>
      (
        await s.admin.query<{
          person: { accreditation: { status: string; history: { reason: string | null }[] } };
        }>('query($id: ID!) { person(id: $id) { accreditation { status history { reason } } } }', {
          id,
        })
      ).person.accreditation;
    for (const p of [a, b]) {
      const acc = await status(p.id);
      assert.equal(acc.status, 'SUSPENDED');
      assert.equal(acc.history.at(-1)?.reason, 'Delegation withdrawn');
    }
    assert.equal((await status(other.id)).status, 'APPROVED');
  });
});

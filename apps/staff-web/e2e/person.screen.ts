import assert from 'node:assert/strict';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Person page', () => {
  scenario('the person page shows the card as a QR code, and the movements', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Astrid' });
    const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
    await open(`person/${encodeURIComponent(person.id)}`);
    await page
      .getByRole('img', { name: `QR code of card ${person.cardNumber} for ${person.name}` })
      .waitFor();
    await page.getByRole('heading', { name: /^Movements/ }).waitFor();
    await shot('person');
  });

  scenario('suspending asks a reason, then the accreditation is reinstated', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id);
    const { page, open } = await s.signIn('ACCREDITATION_OFFICER');
    await open(`person/${encodeURIComponent(person.id)}`);
    await page.getByRole('button', { name: 'Suspend…' }).click();
    const dialog = page.getByRole('dialog', { name: `Suspend ${person.name}` });
    await dialog.getByLabel('Reason').fill('Card reported lost');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await page.getByText('Accreditation suspended.').waitFor();
    await page.getByText('“Card reported lost”').waitFor();
    await page.getByRole('button', { name: 'Reinstate' }).click();
    await page.getByText('Accreditation reinstated.').waitFor();
    const data = await s.admin.query<{ person: { accreditation: { status: string } } }>(
      'query($id: ID!) { person(id: $id) { accreditation { status } } }',
      { id: person.id },
    );
    assert.equal(data.person.accreditation.status, 'ACTIVE');
  });

  scenario('a viewer reads the accreditation office without actions', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id);
    const { page, open } = await s.signIn('VIEWER');
    await open(`person/${encodeURIComponent(person.id)}`);
    await page.getByRole('heading', { name: person.name }).waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Suspend…' }).count(),
      0,
      'viewer sees Suspend',
    );
    assert.equal(await page.getByRole('link', { name: 'Gate' }).count(), 0, 'viewer sees the gate');
  });
});

import assert from 'node:assert/strict';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

interface Seen {
  person: {
    givenName: string;
    accreditation: {
      venues: string[];
      cardToken: string;
      history: { reason: string | null; changes: { field: string }[] }[];
    };
  };
}
const SEEN = `query($id: ID!) { person(id: $id) { givenName accreditation { venues cardToken
  history { reason changes { field } } } } }`;

screen('Edit person', () => {
  scenario('an officer corrects a name: the card stays, the history says why', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.approvedPerson(organisation.id, {}, { givenName: 'Jorunn' });
    const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
    await open(`person/${encodeURIComponent(person.id)}`);
    await page.getByRole('button', { name: 'Edit…' }).click();
    const form = page.getByRole('region', { name: 'Edit person' });
    assert.equal(await form.getByLabel('Given name').inputValue(), 'Jorunn');
    await form.getByLabel('Given name').fill('Jorun');
    await form.getByRole('button', { name: 'Save changes' }).click();
    // The reason is required before anything is sent.
    await form.getByText('Say why the change is made').waitFor();
    await form.getByLabel('Reason for the change').fill('Spelling as in the passport');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changed given name. The card stays valid.').waitFor();
    await page.getByText('“Spelling as in the passport”').waitFor();
    await shot('person-edited');
    const { person: seen } = await s.admin.query<Seen>(SEEN, { id: person.id });
    assert.equal(seen.givenName, 'Jorun');
    assert.equal(seen.accreditation.cardToken, person.cardToken);
    assert.deepEqual(seen.accreditation.history.at(-1)?.changes, [{ field: 'givenName' }]);
  });

  scenario('changing venues reissues the card; a bad zone is shown at its field', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.approvedPerson(organisation.id);
    const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
    await open(`person/${encodeURIComponent(person.id)}`);
    await page.getByRole('button', { name: 'Edit…' }).click();
    const form = page.getByRole('region', { name: 'Edit person' });
    await form.getByLabel('Venues').fill('NST');
    await form.getByLabel('Zones').fill('1, NOZONE');
    await form.getByLabel('Reason for the change').fill('Ceremonies only');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('NOZONE is not a zone of the catalogue').waitFor();
    assert.equal(await form.getByLabel('Zones').getAttribute('aria-invalid'), 'true');
    await shot('person-edit-errors');
    await form.getByLabel('Zones').fill('1');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Changed venues and zones\. A new card was issued/).waitFor();
    const { person: seen } = await s.admin.query<Seen>(SEEN, { id: person.id });
    assert.deepEqual(seen.accreditation.venues, ['NST']);
    assert.notEqual(seen.accreditation.cardToken, person.cardToken);
  });

  scenario('a viewer has no Edit', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.person(organisation.id);
    const { page, open } = await s.signIn('VIEWER');
    await open(`person/${encodeURIComponent(person.id)}`);
    await page.getByRole('heading', { name: person.name }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Edit…' }).count(), 0);
  });
});

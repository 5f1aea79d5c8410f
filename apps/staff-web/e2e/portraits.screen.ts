import assert from 'node:assert/strict';
import { GateScreen } from '#apps/staff-web/e2e/support/gate.js';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';
import { portraitJpeg } from '#test/support/portrait.js';

const SET_PHOTO = `mutation($id: ID!, $image: String!) { setPersonPhoto(personId: $id, imageBase64: $image) { id } }`;

screen('Portraits', () => {
  scenario('the office uploads a portrait, crops it, and sees it on the person page', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.approvedPerson(organisation.id, {}, { givenName: 'Ingrid' });
    const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
    await open(`person/${encodeURIComponent(person.id)}`);
    await page.getByText('No portrait on file').waitFor();
    await page.getByLabel('Portrait file').setInputFiles({
      name: 'portrait.jpg',
      mimeType: 'image/jpeg',
      buffer: await portraitJpeg(1200, 1200),
    });
    await page.getByRole('img', { name: 'Cropped portrait preview' }).waitFor();
    await page.getByLabel('Zoom').fill('1.2');
    await page.getByRole('button', { name: 'Save portrait' }).click();
    await page.getByText('Portrait saved.').waitFor();
    const img = page.getByRole('img', { name: `Portrait of ${person.name}` });
    await img.waitFor();
    assert.ok(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth > 0), 'loaded');
    await page.getByRole('link', { name: 'Print card (PDF)' }).waitFor();
    const stored = await s.admin.query<{ person: { photo: { width: number; height: number } } }>(
      'query($id: ID!) { person(id: $id) { photo { width height } } }',
      { id: person.id },
    );
    // A 1200 x 1200 picture cropped to 3 x 4 at zoom 1.2: 750 x 1000, stored at 600 x 800.
    assert.deepEqual(stored.person.photo, { width: 600, height: 800 });
    await shot('person-portrait');
  });

  scenario('the gate shows the portrait beside the verdict, or says there is none', async (s) => {
    const organisation = await s.given.organisation();
    const withPortrait = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Kari' });
    await s.admin.query(SET_PHOTO, {
      id: withPortrait.id,
      image: (await portraitJpeg()).toString('base64'),
    });
    const without = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Ola' });
    const area = await s.given.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });

    const gate = new GateScreen(await s.signIn('INSPECTION_OFFICER'));
    await gate.open(area.code, 'IN');
    const verdict = await gate.check(withPortrait.cardNumber);
    assert.deepEqual([verdict.decision, verdict.person], ['ADMITTED', withPortrait.name]);
    const img = gate.page.getByRole('img', { name: `Portrait of ${withPortrait.name} on file` });
    await img.waitFor();
    assert.ok(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth > 0), 'loaded');
    await gate.tab.shot('gate-portrait');
    await gate.next();

    const second = await gate.check(without.cardNumber);
    assert.equal(second.person, without.name);
    await gate.page
      .getByText('No portrait on file: check the face against the passport.')
      .waitFor();
  });

  scenario('the office selects people in the list and approves them in one step', async (s) => {
    const organisation = await s.given.organisation();
    const people = await Promise.all(
      ['Anna', 'Berit', 'Cecilie'].map((givenName) =>
        s.given.person(organisation.id, {}, { givenName }),
      ),
    );
    const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
    await open('people');
    await page.getByLabel('Organisation').selectOption(organisation.id);
    await page.getByText('3 people found').waitFor();
    await page.getByRole('checkbox', { name: `Select ${people[0].name}` }).check();
    await page.getByRole('checkbox', { name: `Select ${people[2].name}` }).check();
    await page.getByText('2 selected').waitFor();
    await shot('people-select');
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await page.getByText('2 accreditations approved.').waitFor();
    const statuses = await Promise.all(
      people.map(async (p) => {
        const data = await s.admin.query<{ person: { accreditation: { status: string } } }>(
          'query($id: ID!) { person(id: $id) { accreditation { status } } }',
          { id: p.id },
        );
        return data.person.accreditation.status;
      }),
    );
    assert.deepEqual(statuses, ['APPROVED', 'SUBMITTED', 'APPROVED']);
  });
});

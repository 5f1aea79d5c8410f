import assert from 'node:assert/strict';
import { seed } from '#apps/staff-web/e2e/support/seed.js';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Administration', () => {
  scenario(
    'an admin lists inspection areas and creates one; a taken code is refused',
    async (s) => {
      const tab = await s.signIn('ADMIN');
      await tab.open('gate');
      await tab.page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('link', { name: 'Inspection areas' })
        .click();
      await tab.page.getByRole('heading', { name: 'Inspection areas', level: 1 }).waitFor();
      const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
      const form = tab.page.getByRole('form', { name: 'New inspection area' });
      await form.getByLabel('Code', { exact: true }).fill(code);
      await form.getByLabel('Name', { exact: true }).fill('Yanqing sliding centre gate 2');
      await form.getByLabel('Kind').selectOption('VENUE');
      await form.locator('#area-venueCode option[value="YSC"]').waitFor({ state: 'attached' });
      await form.getByLabel('Venue', { exact: true }).selectOption('YSC');
      await form.getByLabel('Zone').selectOption('2');
      await form.getByRole('button', { name: 'Create area' }).click();
      await tab.page
        .getByText(`Inspection area ${code} (Yanqing sliding centre gate 2) created.`)
        .waitFor();
      const row = tab.page.getByRole('row').filter({ hasText: code });
      await row.waitFor();
      assert.match(
        (await row.textContent()) ?? '',
        /Yanqing sliding centre gate 2.*Venue.*YSC.*2.*Yes/,
      );
      await tab.shot('admin-areas');

      // The same code again: the server's refusal is shown.
      await form.getByLabel('Code', { exact: true }).fill(code);
      await form.getByLabel('Name', { exact: true }).fill('Duplicate');
      await form.locator('#area-venueCode option[value="YSC"]').waitFor({ state: 'attached' });
      await form.getByLabel('Venue', { exact: true }).selectOption('YSC');
      await form.getByLabel('Zone').selectOption('2');
      await form.getByRole('button', { name: 'Create area' }).click();
      await tab.page.getByRole('alert').or(tab.page.locator('.field-error')).first().waitFor();
    },
  );

  scenario(
    'an admin adds a venue to the catalogue, then changes it; a bad zone is refused at its field',
    async (s) => {
      const tab = await s.signIn('ADMIN');
      await tab.open('venues');
      const form = tab.page.getByRole('form', { name: 'Add or change a venue' });
      // Seeded with the Games' venues.
      await tab.page.getByRole('row').filter({ hasText: 'National Stadium' }).first().waitFor();
      const code = `V${Date.now().toString(36).toUpperCase().slice(-5)}`;
      await form.getByLabel('Code', { exact: true }).fill(code);
      await form.getByLabel('Name', { exact: true }).fill('Shougang training hall');
      await form.getByLabel('Zones').fill('1, 2 3');
      await form.getByRole('button', { name: 'Add venue' }).click();
      await tab.page
        .getByText(`Venue added: ${code} (Shougang training hall), zones 1, 2, 3.`)
        .waitFor();
      const row = tab.page.getByRole('row').filter({ hasText: code });
      assert.match((await row.textContent()) ?? '', /Shougang training hall.*1, 2, 3/);
      await tab.shot('admin-venues');

      await form.getByLabel('Code', { exact: true }).fill(code.toLowerCase());
      await form.getByRole('note').filter({ hasText: 'saving changes it' }).waitFor();
      await form.getByLabel('Name', { exact: true }).fill('Shougang hall');
      await form.getByLabel('Zones').fill('1, 2, 3, 4');
      await form.getByRole('button', { name: 'Change venue' }).click();
      await tab.page
        .getByText(`Venue changed: ${code} (Shougang hall), zones 1, 2, 3, 4.`)
        .waitFor();
      const venues = await s.admin.query<{ venues: { code: string; zones: string[] }[] }>(
        '{ venues { code zones } }',
      );
      assert.deepEqual(venues.venues.find((v) => v.code === code)?.zones, ['1', '2', '3', '4']);

      await form.getByLabel('Code', { exact: true }).fill(code);
      await form.getByLabel('Name', { exact: true }).fill('Shougang hall');
      await form.getByLabel('Zones').fill('1 1');
      await form.getByRole('button', { name: 'Change venue' }).click();
      await form.getByText(/must not repeat a zone/).waitFor();
    },
  );

  scenario('an admin reads the audit trail by person, by actor and page by page', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.approvedPerson(organisation.id);
    await seed(s.admin).suspend(person.accreditationId, 'Audit trail scenario');
    const me = await s.admin.query<{ me: { id: string } }>('{ me { id } }');

    const tab = await s.signIn('ADMIN');
    await tab.open('audit');
    const filters = tab.page.getByRole('form', { name: 'Audit filters' });
    await filters.getByLabel('Person id').fill(person.id);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const suspended = tab.page
      .getByRole('row')
      .filter({ hasText: 'Mutation.suspendAccreditation' });
    await suspended.waitFor();
    assert.match((await suspended.textContent()) ?? '', new RegExp(me.me.id));
    await tab.shot('admin-audit');

    // By actor: every row names that actor.
    await filters.getByLabel('Person id').fill('');
    await filters.getByLabel('Actor (user id or key name)').fill(me.me.id);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await tab.page.getByText(/entr(y|ies), newest first · page 1 of/).waitFor();
    await tab.page.getByRole('row').filter({ hasText: me.me.id }).first().waitFor();
    const actors = await tab.page.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.ok(actors.length > 0);
    for (const actor of actors) assert.ok(actor.includes(me.me.id), actor);

    // Page by page: the whole trail holds more than one page by now.
    await filters.getByRole('button', { name: 'Clear' }).click();
    const pages = tab.page.getByRole('group', { name: 'Pages' });
    await tab.page.getByText(/page 1 of/).waitFor();
    if (await pages.getByRole('button', { name: 'Older →' }).isEnabled()) {
      await pages.getByRole('button', { name: 'Older →' }).click();
      await tab.page.getByText(/page 2 of/).waitFor();
      await pages.getByRole('button', { name: '← Newer' }).click();
      await tab.page.getByText(/page 1 of/).waitFor();
    }
  });

  scenario('other roles see no administration screens', async (s) => {
    const tab = await s.signIn('INSPECTION_OFFICER');
    await tab.open('gate');
    const nav = tab.page.getByRole('navigation', { name: 'Screens' });
    await nav.getByRole('link', { name: 'Gate' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Audit trail' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Inspection areas' }).count(), 0);
  });
});

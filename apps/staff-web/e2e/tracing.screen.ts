import assert from 'node:assert/strict';
import { hoursFromNow, seed } from '#apps/staff-web/e2e/support/seed.js';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Tracing', () => {
  scenario(
    'stays, ranked contacts, and designation of the ticked ones after a confirmation',
    async (s) => {
      const organisation = await s.given.organisation();
      const traced = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Astrid' });
      const contact = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Celine' });
      const spared = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Dagny' });
      // Two stays on one bus, overlapping for 90 minutes.
      const bus = `BUS-${organisation.code}`;
      await seed(s.admin).movements([
        { personId: traced.id, location: bus, kind: 'ENTRY', occurredAt: hoursFromNow(-5) },
        { personId: contact.id, location: bus, kind: 'ENTRY', occurredAt: hoursFromNow(-4.5) },
        { personId: traced.id, location: bus, kind: 'EXIT', occurredAt: hoursFromNow(-3) },
        { personId: contact.id, location: bus, kind: 'EXIT', occurredAt: hoursFromNow(-2.5) },
        { personId: spared.id, location: bus, kind: 'ENTRY', occurredAt: hoursFromNow(-4) },
        { personId: spared.id, location: bus, kind: 'EXIT', occurredAt: hoursFromNow(-3.5) },
      ]);
      const { page, open, shot } = await s.signIn('TRACER');
      await open('tracing');
      await page.getByRole('searchbox', { name: 'Person to trace' }).fill(traced.familyName);
      await page.getByRole('button', { name: new RegExp(`^Select ${traced.name}`) }).click();
      await page.getByRole('button', { name: 'Find stays and contacts' }).click();
      await page.getByRole('heading', { name: /^Contacts \(2\)/ }).waitFor();
      const contacts = page.getByRole('table', { name: 'Contacts, most minutes first' });
      await contacts.getByText(contact.name).waitFor();
      await contacts.getByText('90', { exact: true }).waitFor();
      await page.getByRole('checkbox', { name: `Designate ${contact.name}` }).check();
      await shot('tracing');
      await page.getByRole('button', { name: 'Designate 1 close contact…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Designate close contacts?' });
      await dialog
        .getByRole('list', { name: 'People to be marked' })
        .getByText(contact.name, { exact: false })
        .waitFor();
      await shot('tracing-confirm');
      assert.equal(await dialog.getByRole('listitem').count(), 1, 'only the ticked one');
      await dialog.getByRole('button', { name: 'Mark 1 as close contact' }).dblclick();
      await page.getByText(/1 person marked as close contact/).waitFor();
      // The table shows the statuses as they are now.
      await contacts
        .getByRole('row', { name: new RegExp(contact.name) })
        .getByText(/CLOSE_CONTACT/)
        .waitFor();
      const status = async (id: string) =>
        (
          await s.admin.query<{ person: { closedLoop: { status: string } } }>(
            'query($id: ID!) { person(id: $id) { closedLoop { status } } }',
            { id },
          )
        ).person.closedLoop.status;
      assert.equal(await status(contact.id), 'CLOSE_CONTACT');
      assert.equal(await status(spared.id), 'IN_LOOP', 'not ticked, not designated');
    },
  );
});

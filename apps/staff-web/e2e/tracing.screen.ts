import assert from 'node:assert/strict';
import { hoursFromNow, seed } from '#apps/staff-web/e2e/support/seed.js';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Tracing', () => {
  scenario('stays, ranked contacts, and designation after a confirmation', async (s) => {
    const organisation = await s.given.organisation();
    const traced = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Astrid' });
    const contact = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Celine' });
    // Two stays on one bus, overlapping for 90 minutes.
    const bus = `BUS-${organisation.code}`;
    await seed(s.admin).movements([
      { personId: traced.id, location: bus, kind: 'ENTRY', occurredAt: hoursFromNow(-5) },
      { personId: contact.id, location: bus, kind: 'ENTRY', occurredAt: hoursFromNow(-4.5) },
      { personId: traced.id, location: bus, kind: 'EXIT', occurredAt: hoursFromNow(-3) },
      { personId: contact.id, location: bus, kind: 'EXIT', occurredAt: hoursFromNow(-2.5) },
    ]);
    const { page, open, shot } = await s.signIn('TRACER');
    await open('tracing');
    await page.getByRole('searchbox', { name: 'Person to trace' }).fill(traced.familyName);
    await page.getByRole('button', { name: new RegExp(`^Select ${traced.name}`) }).click();
    await page.getByRole('button', { name: 'Find stays and contacts' }).click();
    await page.getByRole('heading', { name: /^Contacts \(1\)/ }).waitFor();
    const contacts = page.getByRole('table', { name: 'Contacts, most minutes first' });
    await contacts.getByText(contact.name).waitFor();
    await contacts.getByText('90', { exact: true }).waitFor();
    await shot('tracing');
    await page.getByRole('button', { name: 'Designate 1 close contact…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Designate close contacts?' });
    await dialog
      .getByRole('list', { name: 'People to be marked' })
      .getByText(contact.name, { exact: false })
      .waitFor();
    await shot('tracing-confirm');
    await dialog.getByRole('button', { name: 'Mark 1 as close contacts' }).click();
    await page.getByText(/1 people marked as close contacts/).waitFor();
    const data = await s.admin.query<{ person: { closedLoop: { status: string } } }>(
      'query($id: ID!) { person(id: $id) { closedLoop { status } } }',
      { id: contact.id },
    );
    assert.equal(data.person.closedLoop.status, 'CLOSE_CONTACT');
  });
});

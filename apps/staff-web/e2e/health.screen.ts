import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { hoursFromNow } from '#apps/staff-web/e2e/support/seed.js';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Health desk', () => {
  scenario(
    'a positive is recorded only after a confirmation, says what it changed, and release asks a reason',
    async (s) => {
      const organisation = await s.given.organisation();
      const person = await s.given.arrivedPerson(organisation.id, {}, { givenName: 'Eva' });
      const status = async () =>
        (
          await s.admin.query<{ person: { closedLoop: { status: string } } }>(
            'query($id: ID!) { person(id: $id) { closedLoop { status } } }',
            { id: person.id },
          )
        ).person.closedLoop.status;
      const { page, open, shot } = await s.signIn('HEALTH_OFFICER');
      await open('health');
      await page.getByRole('searchbox', { name: 'Person tested' }).fill(person.familyName);
      await page.getByRole('button', { name: new RegExp(`^Select ${person.name}`) }).click();
      await page.getByRole('radio', { name: 'Positive' }).check();
      await page.getByRole('button', { name: 'Record result' }).click();
      const confirm = page.getByRole('dialog', {
        name: `Record a POSITIVE result for ${person.name}?`,
      });
      await confirm.getByText('will be ISOLATED at once', { exact: false }).waitFor();
      await shot('health-confirm-positive');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      assert.equal(await status(), 'IN_LOOP', 'nothing is recorded without the confirmation');

      await page.getByRole('button', { name: 'Record result' }).click();
      await confirm.getByRole('button', { name: 'Record positive and isolate' }).click();
      await page.getByText(/It changed the closed-loop state: now ISOLATED/).waitFor();
      assert.equal(await status(), 'ISOLATED');

      // The same result again changes nothing, and the desk says so.
      await page.getByRole('radio', { name: 'Positive' }).check();
      await page.getByRole('button', { name: 'Record result' }).click();
      await confirm.getByRole('button', { name: 'Record positive and isolate' }).click();
      await page.getByText(/did not change the closed-loop state/).waitFor();

      const release = page.getByRole('button', { name: `Release ${person.name}…` });
      await release.waitFor();
      await shot('health');
      await release.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Reason for release').fill('Repeat PCR negative twice');
      await dialog.getByRole('button', { name: 'Release' }).click();
      await page.getByText(`${person.name} released: now IN_LOOP.`).waitFor();
    },
  );

  scenario("today's tests due, the overdue first", async (s) => {
    const organisation = await s.given.organisation();
    const port = await s.given.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
    const arrivedAt = async (givenName: string, at: Date) => {
      const person = await s.given.approvedPerson(
        organisation.id,
        { validFrom: hoursFromNow(-72).toISOString() },
        { givenName },
      );
      const arrival = await s.given.arrive(
        port.code,
        person.cardNumber,
        person.documentNumber,
        at.toISOString(),
      );
      assert.equal(arrival.decision, 'ADMITTED');
      return person;
    };
    // Due before midnight tonight whatever the hour: halfway between now and midnight.
    const midnight = new Date();
    midnight.setHours(24, 0, 0, 0);
    const dueSoon = new Date(Date.now() + Math.min(600_000, (midnight.getTime() - Date.now()) / 2));
    const soon = await arrivedAt('Solveig', new Date(dueSoon.getTime() - 24 * 3_600_000));
    const late = await arrivedAt('Oskar', hoursFromNow(-30));
    const { page, open, shot } = await s.signIn('HEALTH_OFFICER');
    await open('health');
    const list = page.getByRole('list', { name: 'Tests due today, overdue first' });
    await list.getByText(soon.name).waitFor();
    const items = await list.getByRole('listitem').allTextContents();
    const overdueAt = items.findIndex((t) => t.includes(late.name));
    const soonAt = items.findIndex((t) => t.includes(soon.name));
    assert.ok(overdueAt >= 0 && overdueAt < soonAt, 'the overdue person comes first');
    assert.match(items[overdueAt], /^Overdue/);
    assert.doesNotMatch(items[soonAt], /Overdue/);
    await shot('health-tests-due');

    // A negative result takes them off today's list.
    await s.admin.query(
      'mutation($input: TestResultInput!) { recordTestResult(input: $input) { status } }',
      {
        input: {
          id: randomUUID(),
          personId: late.id,
          sampledAt: new Date().toISOString(),
          result: 'NEGATIVE',
        },
      },
    );
    await page.reload();
    await list.getByText(soon.name).waitFor();
    assert.equal(await list.getByText(late.name).count(), 0);
  });
});

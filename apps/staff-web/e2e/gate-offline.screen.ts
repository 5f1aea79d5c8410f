import assert from 'node:assert/strict';
import { GateScreen } from '#apps/staff-web/e2e/support/gate.js';
import { seed } from '#apps/staff-web/e2e/support/seed.js';
import { scenario, screen, type Scenario } from '#apps/staff-web/e2e/support/staff-web.js';

/** An officer at a closed-loop gate of the scenario's own, with the offline data loaded. */
async function gateReadyForOffline(s: Scenario): Promise<GateScreen> {
  const area = await s.given.area({ kind: 'VENUE', venueCode: 'NST', zone: '1', closedLoop: true });
  const gate = new GateScreen(await s.signIn('INSPECTION_OFFICER'));
  await gate.open(area.code, 'IN');
  await gate.waitForOfflineData();
  return gate;
}

screen('Gate offline', () => {
  scenario(
    'an offline scan is decided on the device, queued, and uploaded when back',
    async (s) => {
      const organisation = await s.given.organisation();
      const person = await s.given.arrivedPerson(organisation.id, { venues: ['*'], zones: ['*'] });
      const gate = await gateReadyForOffline(s);
      const { page } = gate;

      await gate.tab.setOffline(true);
      await gate.cardField.fill(person.cardToken);
      await page.getByText('Card code scanned.').waitFor();
      await page.getByRole('button', { name: 'Check card' }).click();
      const entry = await gate.verdict();
      // The card's code carries its number, not its holder's name: named once uploaded.
      assert.deepEqual(
        [entry.decision, entry.offline, entry.person],
        ['ADMITTED', true, 'Not known offline'],
      );
      await gate.tab.shot('gate-offline');
      await gate.next();
      await gate.waitForQueue(1);
      // Back online: the app uploads the queue by itself.
      await gate.tab.setOffline(false);
      await page.getByText(/1 queued scan uploaded/).waitFor();
      await gate.waitForQueue(0);
      await gate.tab.shot('gate-uploaded');

      // The browser is online but the gateway cannot be reached: the same decision on
      // the device; the queue goes up with the button once the gateway is back.
      await page.route('**/graphql', (route) => route.abort('connectionrefused'));
      await gate.direction('OUT');
      const exit = await gate.check(person.cardToken);
      assert.deepEqual([exit.decision, exit.offline], ['ADMITTED', true]);
      await gate.next();
      await gate.waitForQueue(1);
      const uploadNow = page.getByRole('button', { name: 'Upload queued scans now' });
      await uploadNow.click();
      await page.getByText(/Still offline/).waitFor();
      await page.unroute('**/graphql');
      // Forced: when the periodic retry got there first the button is disabled, and
      // the click does nothing; either way the queue empties.
      await uploadNow.click({ force: true });
      await gate.waitForQueue(0);

      const data = await s.admin.query<{
        checkIns: { nodes: { direction: string; deviceDecision: string | null }[] };
      }>('query($p: ID) { checkIns(personId: $p) { nodes { direction deviceDecision } } }', {
        p: person.id,
      });
      assert.deepEqual(
        data.checkIns.nodes.map((c) => `${c.direction}:${c.deviceDecision}`).sort(),
        ['IN:ADMITTED', 'OUT:ADMITTED'],
      );
    },
  );

  scenario('the gate keeps the deny list for offline decisions', async (s) => {
    const gate = await gateReadyForOffline(s);
    await gate.page.getByText(/deny list from/).waitFor();
  });

  scenario('a replaced card is refused offline from the cached deny list', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['NST'], zones: ['1'] });
    // The printed card is replaced: the token kept here is now a superseded one.
    await seed(s.admin).reissue(person.accreditationId);
    const gate = await gateReadyForOffline(s);
    await gate.tab.setOffline(true);
    const verdict = await gate.check(person.cardToken);
    assert.equal(verdict.decision, 'DENIED');
    assert.equal(verdict.offline, true);
    assert.ok(
      verdict.reasons.includes(
        'This card has been replaced by a newer card and is no longer valid.',
      ),
      JSON.stringify(verdict.reasons),
    );
    await gate.next();
    await gate.tab.setOffline(false);
    await gate.waitForQueue(0);
  });

  scenario('the gate reloaded while offline opens from the device and still decides', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['*'], zones: ['*'] });
    const gate = await gateReadyForOffline(s);
    const { page } = gate;
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await gate.tab.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Gate', level: 1 }).waitFor();
    await page.getByText(/^Offline/).waitFor();
    const verdict = await gate.check(person.cardToken);
    assert.deepEqual([verdict.decision, verdict.offline], ['ADMITTED', true]);
    await gate.next();
    await gate.tab.setOffline(false);
    await gate.waitForQueue(0);
  });

  scenario('an isolated person is denied offline, with that reason', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['*'], zones: ['*'] });
    await seed(s.admin).isolate(person.id);
    const gate = await gateReadyForOffline(s);
    await gate.tab.setOffline(true);
    const verdict = await gate.check(person.cardToken);
    assert.deepEqual([verdict.decision, verdict.offline], ['DENIED', true]);
    assert.deepEqual(verdict.reasons, ['The person is in isolation after a positive test.']);
    await gate.tab.shot('gate-offline-isolated');
    await gate.next();
    await gate.tab.setOffline(false);
    await gate.waitForQueue(0);
  });

  scenario('a gate whose data is older than its limit refuses to decide offline', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['*'], zones: ['*'] });
    const gate = await gateReadyForOffline(s);
    const { page } = gate;
    await page.getByText(/offline decisions on data up to 12 h old/).waitFor();
    // Thirteen hours pass without a connection.
    await gate.tab.setOffline(true);
    await page.clock.setFixedTime(new Date(Date.now() + 13 * 3_600_000));
    await gate.cardField.fill(person.cardToken);
    await page.getByRole('button', { name: 'Check card' }).click();
    await page
      .getByRole('alert')
      .getByText(/older than the 12-hour limit: it cannot decide alone/)
      .waitFor();
    assert.equal(await page.getByRole('alertdialog').count(), 0);
    await gate.waitForQueue(0);
    await gate.tab.shot('gate-offline-stale');
  });

  scenario('a conflict survives a reload and is listed for review', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['*'], zones: ['*'] });
    const gate = await gateReadyForOffline(s);
    const { page } = gate;
    await gate.tab.setOffline(true);
    // Suspended after the gate loaded its data: it admits offline, the server will not.
    await seed(s.admin).suspend(person.accreditationId);
    const verdict = await gate.check(person.cardToken);
    assert.deepEqual([verdict.decision, verdict.offline], ['ADMITTED', true]);
    await gate.next();
    await gate.tab.setOffline(false);
    await page.getByText(/1 queued scan uploaded; 1 conflict to review/).waitFor();
    const conflicts = page.getByRole('table', { name: /server decided differently/ });
    await conflicts.getByText(`${person.name} (${person.cardNumber})`).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Gate', level: 1 }).waitFor();
    await conflicts.getByText(`${person.name} (${person.cardNumber})`).waitFor();
    await gate.tab.shot('gate-conflicts-kept');

    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link', { name: 'Conflicts' })
      .click();
    await page.getByRole('heading', { name: 'Conflicts to review', level: 1 }).waitFor();
    const review = page.getByRole('table', { name: /decided otherwise/ });
    const row = review.getByRole('row', { name: new RegExp(person.cardNumber) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    assert.ok(cells.includes('ADMITTED') && cells.includes('DENIED'), cells.join(' | '));
    assert.ok(cells.includes('The accreditation is suspended.'), cells.join(' | '));
    await gate.tab.shot('conflicts-review');

    // The live board lists it among the latest conflicts.
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link', { name: 'Live board' })
      .click();
    await page
      .getByRole('table', { name: /Latest offline decisions/ })
      .getByText(`${person.name} (${person.cardNumber})`)
      .waitFor();
  });
});

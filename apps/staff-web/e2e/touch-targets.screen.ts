import assert from 'node:assert/strict';
import { GateScreen } from '#apps/staff-web/e2e/support/gate.js';
import { scenario, screen, TABLET } from '#apps/staff-web/e2e/support/staff-web.js';
import { tabThrough, undersizedControls } from '#apps/staff-web/e2e/support/touch.js';
import type { StaffPage } from '#apps/staff-web/e2e/support/staff-web.js';

const LANDSCAPE = { width: 1024, height: 768 };

/** Every control is big enough for a gloved finger, and tabbing never loses the focus. */
async function assertTouchable(tab: StaffPage, where: string, fewest = 4): Promise<number> {
  assert.deepEqual(await undersizedControls(tab.page), [], `controls under 48 x 48 on ${where}`);
  const stops = await tabThrough(tab.page);
  assert.ok(
    stops.length >= fewest,
    `tabbing on ${where} reached only ${stops.map((stop) => stop.control).join(', ')}`,
  );
  assert.deepEqual(
    stops.filter((s) => s.problem),
    [],
    `focus that cannot be seen on ${where}`,
  );
  return stops.length;
}

screen('Touch targets', () => {
  scenario('the gate, its answer, the arrival desk and the health desk, on a tablet', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['NST'], zones: ['1'] });
    const area = await s.given.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });
    await s.given.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'ARR' });
    const roles = ['INSPECTION_OFFICER', 'HEALTH_OFFICER'] as const;

    for (const viewport of [LANDSCAPE, TABLET]) {
      const tab = await s.signIn([...roles], { viewport });
      const gate = new GateScreen(tab);
      await gate.open(area.code);
      await assertTouchable(tab, `the gate at ${viewport.width} px`);

      await gate.check(person.cardNumber);
      // The answer keeps the focus on its own two buttons.
      await assertTouchable(tab, `the gate's answer at ${viewport.width} px`, 2);
      await gate.next();

      await tab.open('arrival');
      await assertTouchable(tab, `the arrival desk at ${viewport.width} px`);
      await tab.open('health');
      await assertTouchable(tab, `the health desk at ${viewport.width} px`);
    }
  });

  scenario('the measures catch a 40 px button and a hidden control that takes focus', async (s) => {
    const tab = await s.signIn('INSPECTION_OFFICER', { viewport: TABLET });
    await tab.open('gate');
    await tab.page.evaluate(() => {
      const small = document.createElement('button');
      small.textContent = 'Tiny';
      small.style.cssText = 'min-height: 0; min-width: 0; height: 40px; width: 40px; padding: 0;';
      const hidden = document.createElement('input');
      hidden.className = 'visually-hidden';
      hidden.setAttribute('aria-label', 'Hidden field');
      document.querySelector('main h1')?.after(small, hidden);
    });
    assert.deepEqual(await undersizedControls(tab.page), [
      { control: 'button "Tiny"', width: 40, height: 40 },
      { control: 'input "Hidden field"', width: 1, height: 1 },
    ]);
    const hiddenStop = (await tabThrough(tab.page)).find((stop) =>
      stop.control.includes('Hidden field'),
    );
    assert.equal(hiddenStop?.problem, 'only 1 x 1 px');

    // A ring that does not contrast with the page is caught too.
    await tab.page.addStyleTag({
      content: ':focus-visible { outline-color: #e8e8e8 !important; }',
    });
    const faint = await tabThrough(tab.page);
    assert.ok(
      faint.some((stop) => stop.problem?.startsWith('focus ring')),
      'a faint focus ring passed',
    );
  });
});

import assert from 'node:assert/strict';
import { GateScreen } from '#apps/staff-web/e2e/support/gate.js';
import { scenario, screen, TABLET } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Tablet layout', () => {
  scenario('the gate works at 768 px wide', async (s) => {
    const area = await s.given.area({
      kind: 'VENUE',
      venueCode: 'NST',
      zone: '1',
      closedLoop: true,
    });
    const gate = new GateScreen(await s.signIn('INSPECTION_OFFICER', { viewport: TABLET }));
    await gate.open(area.code);
    await gate.page.getByRole('combobox', { name: 'Inspection area' }).waitFor();
    const scrollsSideways = await gate.page.evaluate(
      'document.documentElement.scrollWidth > window.innerWidth',
    );
    assert.equal(scrollsSideways, false, 'the gate scrolls sideways at 768 px');
    await gate.tab.shot('gate-tablet');
  });
});

import { seed } from '#apps/staff-web/e2e/support/seed.js';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Live board', () => {
  scenario('the live board shows occupancy and the check-ins as they happen', async (s) => {
    const organisation = await s.given.organisation();
    const person = await s.given.arrivedPerson(organisation.id, { venues: ['YAN'], zones: ['2'] });
    await seed(s.admin).suspend(person.accreditationId);
    const area = await s.given.area({
      kind: 'VENUE',
      venueCode: 'NST',
      zone: '1',
      closedLoop: true,
    });
    const { page, open, shot } = await s.signIn('INSPECTION_OFFICER');
    await open('live');
    await page.getByRole('table', { name: 'Inspection areas' }).getByText(area.code).waitFor();
    // The board's subscription reaches the service some time after the page shows:
    // scan until the feed shows the scan (each scan is a denial, which changes nothing).
    const shown = page.locator('.feed li').filter({ hasText: person.name }).first();
    for (let attempt = 1; ; attempt++) {
      await seed(s.admin).checkIn(area.code, person.cardNumber);
      const heard = await shown.waitFor({ timeout: 2_000 }).then(
        () => true,
        () => false,
      );
      if (heard) break;
      if (attempt === 10) throw new Error('the live feed never showed the scans');
    }
    await shot('live');
  });
});

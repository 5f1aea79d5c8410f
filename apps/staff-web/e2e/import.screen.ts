import assert from 'node:assert/strict';
import { hoursFromNow } from '#apps/staff-web/e2e/support/seed.js';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

const HEADER =
  'givenName,familyName,dateOfBirth,nationality,function,documentNumber,category,venues,zones,validFrom,validUntil';

screen('CSV import', () => {
  scenario('a dry run lists the errors by line, then a clean file is imported', async (s) => {
    const organisation = await s.given.organisation();
    const family = `Csv${organisation.code.replace(/\W/g, '')}`;
    const row = (given: string, born: string, document: string) =>
      `${given},${family},${born},NOR,Athlete,${document}${family},Aa,NST;YAN,1;2,${hoursFromNow(-1).toISOString()},${hoursFromNow(24 * 20).toISOString()}`;
    const { page, open, shot } = await s.signIn('ACCREDITATION_OFFICER');
    await open('import');
    await page
      .locator(`#import-org option[value="${organisation.id}"]`)
      .waitFor({ state: 'attached' });
    await page.getByLabel('Organisation').selectOption(organisation.id);

    const bad = [HEADER, row('Gro', '1990-05-01', 'G1'), row('Hans', 'not-a-date', 'H1')];
    await page.getByLabel('CSV file').setInputFiles({
      name: 'delegation-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad.join('\n')),
    });
    await page.getByRole('button', { name: 'Check file (dry run)' }).click();
    const table = page.getByRole('table', { name: 'Problems by line and field' });
    await table.waitFor();
    const firstLine = await table.getByRole('row').nth(1).getByRole('cell').first().textContent();
    assert.equal(firstLine, '3', 'the first problem is on line 3');
    assert.ok(
      await page.getByRole('button', { name: 'Import 2 people' }).isDisabled(),
      'import enabled after errors',
    );
    await shot('import-errors');

    const good = [HEADER, row('Gro', '1990-05-01', 'G1'), row('Hans', '1991-06-02', 'H1')];
    await page.getByLabel('CSV file').setInputFiles({
      name: 'delegation.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good.join('\n')),
    });
    await page.getByRole('button', { name: 'Check file (dry run)' }).click();
    await page.getByText('No problems found in 2 rows', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Import 2 people' }).click();
    await page.getByText('Imported 2 people.').waitFor();
    await shot('import-done');
    const data = await s.admin.query<{ people: { totalCount: number } }>(
      'query($id: ID!) { people(filter: { organisationId: $id }) { totalCount } }',
      { id: organisation.id },
    );
    assert.equal(data.people.totalCount, 2, 'both people were imported');
  });
});

import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import type { UploadFn } from '../api/upload';
import { ImportPage } from './ImportPage';

const header =
  'givenName,familyName,dateOfBirth,nationality,function,documentNumber,category,venues,zones,validFrom,validUntil';
const row = (name: string, dob: string) =>
  `${name},Tester,${dob},NOR,Athlete,D-${name},Aa,NST;YAN,1;2,2022-01-23T00:00:00Z,2022-02-25T00:00:00Z`;

describe('ImportPage', () => {
  it('lists dry-run errors by line and field, writes nothing, then imports a clean file', async () => {
    const { client } = stubClient({
      Organisations: () => ({
        data: {
          organisations: [
            {
              __typename: 'Organisation',
              id: 'org-1',
              code: 'NOC-NOR',
              name: 'Norwegian Olympic Committee',
              type: 'NOC',
              country: 'NOR',
            },
          ],
        },
      }),
    });
    const sent: { organisationId: string; csv: string; dryRun: boolean }[] = [];
    const upload = ((_doc, variables, onProgress) => {
      const input = (variables as unknown as { input: (typeof sent)[number] }).input;
      sent.push(input);
      onProgress({ loaded: input.csv.length, total: input.csv.length });
      const bad = input.csv.includes('1899');
      return Promise.resolve({
        data: {
          importPeople: {
            __typename: 'ImportReport',
            dryRun: input.dryRun,
            created: input.dryRun || bad ? 0 : 2,
            errors: bad
              ? [
                  {
                    __typename: 'ImportRowError',
                    line: 3,
                    field: 'dateOfBirth',
                    message: 'not a plausible date',
                  },
                  {
                    __typename: 'ImportRowError',
                    line: 3,
                    field: 'nationality',
                    message: 'unknown country',
                  },
                ]
              : [],
          },
        },
      });
    }) as UploadFn;

    renderWith(<ImportPage />, client, { upload });
    const org = screen.getByRole('combobox', { name: 'Organisation' });
    await waitFor(() => expect(within(org).getAllByRole('option')).toHaveLength(2));
    await userEvent.selectOptions(org, 'org-1');

    const fileInput = screen.getByLabelText('CSV file');
    const badCsv = [header, row('Ada', '1990-01-01'), row('Bo', '1899-01-01')].join('\n');
    await userEvent.upload(fileInput, new File([badCsv], 'bad.csv', { type: 'text/csv' }));
    expect(await screen.findByText(/bad.csv: 2 rows/)).toBeTruthy();
    const importButton = screen.getByRole('button', { name: 'Import 2 people' });
    expect((importButton as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Check file (dry run)' }));
    const heading = await screen.findByRole('heading', {
      name: /2 problems found: nothing was imported/,
    });
    expect(heading).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Problems by line and field' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['3', 'dateOfBirth', 'not a plausible date'],
      ['3', 'nationality', 'unknown country'],
    ]);
    expect(sent).toEqual([{ organisationId: 'org-1', csv: badCsv, dryRun: true }]);
    expect((importButton as HTMLButtonElement).disabled).toBe(true);

    const goodCsv = [header, row('Ada', '1990-01-01'), row('Bo', '1991-01-01')].join('\n');
    await userEvent.upload(fileInput, new File([goodCsv], 'good.csv', { type: 'text/csv' }));
    await screen.findByText(/good.csv: 2 rows/);
    expect(screen.queryByRole('table', { name: 'Problems by line and field' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Check file (dry run)' }));
    expect(await screen.findByText(/No problems found in 2 rows/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Import 2 people' }));
    expect(await screen.findByText('Imported 2 people.')).toBeTruthy();
    expect(sent.map((s) => s.dryRun)).toEqual([true, true, false]);
  });
});

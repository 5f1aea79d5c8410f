import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderIn as render } from '../test/render';
import userEvent from '@testing-library/user-event';
import { PrintButton } from './PrintButton';
import type { Table } from './exports';

const ISOLATED: Table = {
  columns: [
    { csv: 'Family name', label: { id: 'report.column.familyName' } },
    { csv: 'Card number', label: { id: 'report.column.cardNumber' } },
    { csv: 'Closed loop', label: { id: 'report.column.closedLoop' }, kind: 'loopStatus' },
  ],
  rows: [
    ['Lovelace', '10000001', 'ISOLATED'],
    ['Hopper', null, 'ISOLATED'],
  ],
};

async function printed(language: 'en' | 'fr' | 'zh'): Promise<HTMLElement> {
  let seenAtPrint: HTMLElement | null = null;
  vi.spyOn(window, 'print').mockImplementation(() => {
    seenAtPrint = document.querySelector<HTMLElement>('.print-report');
  });
  render(<PrintButton label="Print" title="x" filters={[]} build={() => ISOLATED} />, language);
  await userEvent.click(screen.getByRole('button'));
  await waitFor(() => expect(seenAtPrint).not.toBeNull());
  return seenAtPrint!;
}

afterEach(() => vi.restoreAllMocks());

describe('PrintButton', () => {
  it('prints the report alone: title, filters, when it was made and every row', async () => {
    let seenAtPrint: HTMLElement | null = null;
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      seenAtPrint = document.querySelector<HTMLElement>('.print-report');
      expect(document.body.classList.contains('printing-report')).toBe(true);
    });
    render(
      <PrintButton
        label="Print isolated"
        title="Isolated people"
        filters={['Closed-loop status: ISOLATED']}
        build={() => Promise.resolve(ISOLATED)}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Print isolated' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(seenAtPrint).not.toBeNull();
    const report = within(seenAtPrint!);
    expect(report.getByRole('heading', { name: 'Isolated people' })).toBeTruthy();
    expect(report.getByText('Closed-loop status: ISOLATED')).toBeTruthy();
    expect(report.getByText(/^Generated .* · 2 rows$/)).toBeTruthy();
    expect(report.getAllByRole('row').map((r) => r.textContent)).toEqual([
      'Family nameCard numberClosed loop',
      'Lovelace10000001ISOLATED',
      'HopperISOLATED',
    ]);
    window.dispatchEvent(new Event('afterprint'));
    expect(document.body.classList.contains('printing-report')).toBe(false);
  });

  it("prints the headers and statuses in the reader's language, the codes staying in the CSV", async () => {
    const french = within(await printed('fr'));
    const [header, first] = french.getAllByRole('row').map((r) => r.textContent);
    expect(header).not.toContain('Family name');
    expect(header).toContain('Nom');
    expect(first).not.toContain('ISOLATED');
  });

  it('says why it could not print', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    render(
      <PrintButton
        label="Print"
        title="x"
        filters={[]}
        build={() => Promise.reject(new Error('The server cannot be reached.'))}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Printing failed: The server cannot be reached.',
    );
    expect(print).not.toHaveBeenCalled();
  });
});

import { useEffect, useState } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormattedMessage, useIntl } from 'react-intl';
import { useFormat } from '../components/format';
import type { Table } from './exports';

interface Report {
  title: string;
  filters: string[];
  generatedAt: Date;
  table: Table;
}

interface Props {
  label: string;
  /** The report's heading, e.g. "Tests due today". */
  title: string;
  /** The filters on screen, in words: printed above the rows. */
  filters: string[];
  /** The same table the CSV export makes (every page of the list). */
  build: () => Promise<Table> | Table;
  disabled?: boolean;
}

/** Tells the print stylesheet to print the report alone (styles.css, @media print). */
const PRINTING = 'printing-report';

/**
 * "Print": the list with the filters on screen as a plain report (title,
 * filters, when it was made, every row), through the browser's print dialog,
 * which also saves it as PDF.
 */
export function PrintButton({ label, title, filters, build, disabled }: Props) {
  const format = useFormat();
  const intl = useIntl();
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const done = () => document.body.classList.remove(PRINTING);
    window.addEventListener('afterprint', done);
    return () => {
      window.removeEventListener('afterprint', done);
      done();
    };
  }, []);

  async function run() {
    setBusy(true);
    setProblem('');
    try {
      const table = await build();
      // The report is in the page before the print dialog takes its picture.
      flushSync(() => setReport({ title, filters, generatedAt: new Date(), table }));
      document.body.classList.add(PRINTING);
      window.print();
    } catch (e) {
      setProblem(
        intl.formatMessage(
          { id: 'print.failed', defaultMessage: 'Printing failed: {message}' },
          { message: e instanceof Error ? e.message : String(e) },
        ),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" onClick={() => void run()} disabled={busy || disabled}>
        {busy
          ? intl.formatMessage({ id: 'people.preparing', defaultMessage: 'Preparing…' })
          : label}
      </button>
      {problem && <ErrorAlert text={problem} />}
      {report &&
        createPortal(
          <div className="print-report" data-testid="print-report">
            <h1>{report.title}</h1>
            <ul className="print-filters">
              {report.filters.map((f) => (
                <li key={f}>{f}</li>
              ))}
              <li>
                <FormattedMessage
                  id="print.generated"
                  defaultMessage="Generated {when} · {rows, plural, one {# row} other {# rows}}"
                  values={{
                    when: format.dateTime(report.generatedAt.toISOString()),
                    rows: report.table.rows.length,
                  }}
                />
              </li>
            </ul>
            <table>
              <thead>
                <tr>
                  {report.table.header.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.table.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cell === null || cell === undefined ? '' : String(cell)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>,
          document.body,
        )}
    </>
  );
}

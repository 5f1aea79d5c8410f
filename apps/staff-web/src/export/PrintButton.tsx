import { useEffect, useState } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormattedMessage, useIntl } from 'react-intl';
import { useFormat, type Format } from '../components/format';
import { ACCREDITATION_STATUS, LOOP_STATUS } from '../components/StatusBadge';
import type { AccreditationStatus, ClosedLoopStatus } from '../gql/graphql';
import type { Cell } from './csv';
import type { CellKind, Table } from './exports';

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

type Intl = ReturnType<typeof useIntl>;

/** A cell as the reader reads it: statuses in words of their language, instants in local time. */
function printedCell(cell: Cell, kind: CellKind, intl: Intl, format: Format): string {
  if (cell === null || cell === undefined || cell === '') return '';
  switch (kind) {
    case 'dateTime':
      return format.dateTime(String(cell));
    case 'number':
      return typeof cell === 'number' ? format.number(cell) : String(cell);
    case 'accreditationStatus': {
      const look = ACCREDITATION_STATUS[cell as AccreditationStatus];
      return look ? intl.formatMessage(look.name) : String(cell);
    }
    case 'loopStatus': {
      const look = LOOP_STATUS[cell as ClosedLoopStatus];
      return look ? intl.formatMessage(look.name) : String(cell);
    }
    case 'overdue':
      return intl.formatMessage({ id: 'report.overdue', defaultMessage: 'overdue' });
    case 'text':
      return String(cell);
  }
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
                  {report.table.columns.map((column) => (
                    <th key={column.csv} scope="col">
                      {intl.formatMessage(column.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.table.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>
                        {printedCell(cell, report.table.columns[j]?.kind ?? 'text', intl, format)}
                      </td>
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

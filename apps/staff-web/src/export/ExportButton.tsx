import { useState } from 'react';
import { useIntl } from 'react-intl';
import { CombinedError } from 'urql';
import { describeErrorIn } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { datedName, downloadCsv } from './csv';

interface Props {
  label: string;
  /** The file name's stem; the date is added. */
  stem: string;
  /** Makes the CSV of what the screen shows (every page of it). */
  build: () => Promise<string> | string;
  disabled?: boolean;
}

/** "Download CSV": builds the file from the list with the filters on screen. */
export function ExportButton({ label, stem, build, disabled }: Props) {
  const intl = useIntl();
  const { formatMessage } = intl;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  async function run() {
    setBusy(true);
    setProblem('');
    try {
      downloadCsv(datedName(stem), await build());
    } catch (e) {
      setProblem(
        formatMessage(
          { id: 'export.failed', defaultMessage: 'Export failed: {message}' },
          {
            message:
              e instanceof CombinedError
                ? describeErrorIn(intl, e)
                : e instanceof Error
                  ? e.message
                  : String(e),
          },
        ),
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" onClick={() => void run()} disabled={busy || disabled}>
        {busy ? formatMessage({ id: 'people.preparing', defaultMessage: 'Preparing…' }) : label}
      </button>
      {problem && <ErrorAlert text={problem} />}
    </>
  );
}

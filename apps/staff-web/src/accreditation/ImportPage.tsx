import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { ImportPeopleMutation, OrganisationsQuery } from '../api/operations';
import { describeErrorIn } from '../api/errors';
import type { UploadProgress } from '../api/upload';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../components/format';
import type { ImportPeopleMutation as ImportResult } from '../gql/graphql';
import { useServices } from '../services';
import { SuccessNote } from '../components/SuccessNote';

type Report = ImportResult['importPeople'];

/** A file's text (FileReader where Blob.text is missing). */
function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('cannot read file'));
    reader.readAsText(file);
  });
}

/** Data rows in a CSV: non-empty lines after the header. */
export function countRows(csv: string): number {
  return Math.max(0, csv.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
}

/**
 * CSV import for an organisation: a dry run lists every problem by line and
 * field before anything is written; only a clean file can then be imported.
 */
export function ImportPage() {
  const { upload } = useServices();
  const intl = useIntl();
  const { formatMessage } = intl;
  const format = useFormat();
  const [{ data: orgs }] = useQuery({ query: OrganisationsQuery });
  const [organisationId, setOrganisationId] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState<'dry' | 'import' | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState('');

  async function onFile(f: File | undefined) {
    setReport(null);
    setProblem('');
    if (!f) return setFile(null);
    setFile({ name: f.name, text: await readText(f) });
  }

  async function send(dryRun: boolean) {
    if (!file || !organisationId) {
      setProblem(
        formatMessage({
          id: 'import.chooseFirst',
          defaultMessage: 'Choose the organisation and a CSV file first.',
        }),
      );
      return;
    }
    setProblem('');
    setBusy(dryRun ? 'dry' : 'import');
    setProgress(null);
    const r = await upload(
      ImportPeopleMutation,
      { input: { organisationId, csv: file.text, dryRun } },
      setProgress,
    );
    setBusy(null);
    if (r.data) setReport(r.data.importPeople);
    else setProblem(describeErrorIn(intl, r.error));
  }

  const rows = file ? countRows(file.text) : 0;
  const clean = report?.dryRun === true && report.errors.length === 0;
  const percent =
    progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <section aria-labelledby="import-title">
      <p>
        <a href="#/people">
          {'← '}
          <FormattedMessage id="common.backToSearch" defaultMessage="Back to search" />
        </a>
      </p>
      <h1 id="import-title">
        <FormattedMessage id="import.title" defaultMessage="Import people from CSV" />
      </h1>
      <p className="hint intro">
        <FormattedMessage
          id="import.intro"
          defaultMessage="Header row naming the columns {columns} (venues and zones separated by ;). Either every row is imported or none is."
          values={{
            columns:
              'givenName, familyName, dateOfBirth, nationality, function, documentNumber, category, venues, zones, validFrom, validUntil',
          }}
        />
      </p>
      <div className="form-row">
        <div className="field">
          <label htmlFor="import-org">
            <FormattedMessage id="people.organisation" defaultMessage="Organisation" />
          </label>
          <select
            id="import-org"
            value={organisationId}
            onChange={(e) => {
              setOrganisationId(e.target.value);
              setReport(null);
            }}
          >
            <option value="">
              {formatMessage({
                id: 'register.chooseOrganisation',
                defaultMessage: 'Choose an organisation…',
              })}
            </option>
            {orgs?.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-file">
            <FormattedMessage id="import.file" defaultMessage="CSV file" />
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          {file && (
            <p className="hint">
              <FormattedMessage
                id="import.fileSummary"
                defaultMessage="{name}: {rows, plural, one {# row} other {# rows}}, {size}"
                values={{ name: file.name, rows, size: format.bytes(file.text.length) }}
              />
            </p>
          )}
        </div>
      </div>
      <div className="row">
        <button type="button" className="primary" disabled={!!busy} onClick={() => void send(true)}>
          <FormattedMessage id="import.dryRun" defaultMessage="Check file (dry run)" />
        </button>
        <button type="button" disabled={!!busy || !clean} onClick={() => void send(false)}>
          <FormattedMessage
            id="import.submit"
            defaultMessage="Import {rows, plural, one {# person} other {# people}}"
            values={{ rows }}
          />
        </button>
      </div>
      {busy && (
        <div role="status" className="progress-box">
          <p>
            {busy === 'dry'
              ? formatMessage({ id: 'import.checking', defaultMessage: 'Checking…' })
              : formatMessage({ id: 'import.importing', defaultMessage: 'Importing…' })}{' '}
            {progress &&
              (progress.loaded < progress.total
                ? formatMessage(
                    { id: 'import.uploaded', defaultMessage: 'uploaded {loaded} of {total}' },
                    { loaded: format.bytes(progress.loaded), total: format.bytes(progress.total) },
                  )
                : formatMessage(
                    { id: 'import.sent', defaultMessage: '{total} sent, waiting for the server' },
                    { total: format.bytes(progress.total) },
                  ))}
          </p>
          <progress
            max={100}
            value={percent}
            aria-label={formatMessage({ id: 'import.progress', defaultMessage: 'Upload progress' })}
          >
            {intl.formatNumber(percent / 100, { style: 'percent' })}
          </progress>
        </div>
      )}
      {problem && <ErrorAlert text={problem} />}
      {report && report.errors.length > 0 && (
        <section aria-labelledby="import-errors-h" className="panel">
          <div role="alert">
            <h2 id="import-errors-h">
              <span aria-hidden="true">✖ </span>
              <FormattedMessage
                id="import.problems"
                defaultMessage="{count, plural, one {# problem found} other {# problems found}}: nothing was imported"
                values={{ count: report.errors.length }}
              />
            </h2>
          </div>
          <table>
            <caption className="visually-hidden">
              <FormattedMessage
                id="import.problemsCaption"
                defaultMessage="Problems by line and field"
              />
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="import.col.line" defaultMessage="Line" />
                </th>
                <th scope="col">
                  <FormattedMessage id="import.col.field" defaultMessage="Field" />
                </th>
                <th scope="col">
                  <FormattedMessage id="import.col.problem" defaultMessage="Problem" />
                </th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.line}</td>
                  <td>{e.field ?? '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {clean && (
        <SuccessNote>
          <FormattedMessage
            id="import.clean"
            defaultMessage="No problems found in {rows, plural, one {# row} other {# rows}}. Nothing has been written yet: press Import to register them."
            values={{ rows }}
          />
        </SuccessNote>
      )}
      {report && !report.dryRun && report.errors.length === 0 && (
        <SuccessNote>
          <FormattedMessage
            id="import.done"
            defaultMessage="Imported {count, plural, one {# person} other {# people}}."
            values={{ count: report.created }}
          />
        </SuccessNote>
      )}
    </section>
  );
}

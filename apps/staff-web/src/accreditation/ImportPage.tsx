import { useState } from 'react';
import { useQuery } from 'urql';
import { ImportPeopleMutation, OrganisationsQuery } from '../api/operations';
import { describeError } from '../api/errors';
import type { UploadProgress } from '../api/upload';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatBytes } from '../components/format';
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
      setProblem('Choose the organisation and a CSV file first.');
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
    else setProblem(describeError(r.error));
  }

  const rows = file ? countRows(file.text) : 0;
  const clean = report?.dryRun === true && report.errors.length === 0;
  const percent =
    progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <section aria-labelledby="import-title">
      <p>
        <a href="#/people">← Back to search</a>
      </p>
      <h1 id="import-title">Import people from CSV</h1>
      <p className="hint intro">
        Header row naming the columns givenName, familyName, dateOfBirth, nationality, function,
        documentNumber, category, venues, zones, validFrom, validUntil (venues and zones separated
        by ;). Either every row is imported or none is.
      </p>
      <div className="form-row">
        <div className="field">
          <label htmlFor="import-org">Organisation</label>
          <select
            id="import-org"
            value={organisationId}
            onChange={(e) => {
              setOrganisationId(e.target.value);
              setReport(null);
            }}
          >
            <option value="">Choose an organisation…</option>
            {orgs?.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-file">CSV file</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          {file && (
            <p className="hint">
              {file.name}: {rows} row{rows === 1 ? '' : 's'}, {formatBytes(file.text.length)}
            </p>
          )}
        </div>
      </div>
      <div className="row">
        <button type="button" className="primary" disabled={!!busy} onClick={() => void send(true)}>
          Check file (dry run)
        </button>
        <button type="button" disabled={!!busy || !clean} onClick={() => void send(false)}>
          Import {rows} {rows === 1 ? 'person' : 'people'}
        </button>
      </div>
      {busy && (
        <div role="status" className="progress-box">
          <p>
            {busy === 'dry' ? 'Checking' : 'Importing'}…{' '}
            {progress &&
              (progress.loaded < progress.total
                ? `uploaded ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}`
                : `${formatBytes(progress.total)} sent, waiting for the server`)}
          </p>
          <progress max={100} value={percent} aria-label="Upload progress">
            {percent}%
          </progress>
        </div>
      )}
      {problem && <ErrorAlert text={problem} />}
      {report && report.errors.length > 0 && (
        <section aria-labelledby="import-errors-h" className="panel">
          <div role="alert">
            <h2 id="import-errors-h">
              <span aria-hidden="true">✖ </span>
              {report.errors.length} problem{report.errors.length === 1 ? '' : 's'} found: nothing
              was imported
            </h2>
          </div>
          <table>
            <caption className="visually-hidden">Problems by line and field</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
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
          No problems found in {rows} row{rows === 1 ? '' : 's'}. Nothing has been written yet:
          press Import to register them.
        </SuccessNote>
      )}
      {report && !report.dryRun && report.errors.length === 0 && (
        <SuccessNote>
          Imported {report.created} {report.created === 1 ? 'person' : 'people'}.
        </SuccessNote>
      )}
    </section>
  );
}

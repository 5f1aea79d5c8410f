import { uuid } from '../api/uuid';
import { useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { RecordTestResultMutation, ReleaseMutation } from '../api/operations';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButton } from '../export/ExportButton';
import { peopleCsv } from '../export/exports';
import { formatDateTime, fromLocalInput, toLocalInput } from '../components/format';
import { PersonPicker } from '../components/PersonPicker';
import type { TestResult } from '../gql/graphql';
import { usePeopleSearch, type PersonRow } from '../accreditation/usePeopleSearch';

/** Records test results; lists isolated people and releases them with a reason. */
export function HealthPage() {
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [sampledAt, setSampledAt] = useState(() => toLocalInput(new Date()));
  // Untouched, the field means "now", to the second (the form shows minutes only).
  const [sampledEdited, setSampledEdited] = useState(false);
  const [testResult, setTestResult] = useState<TestResult | ''>('');
  const [problem, setProblem] = useState('');
  const client = useClient();
  const [recorded, record] = useMutation(RecordTestResultMutation);
  const [released, release] = useMutation(ReleaseMutation);
  const isolated = usePeopleSearch({ closedLoopStatus: 'ISOLATED' });
  const [releasing, setReleasing] = useState<PersonRow | null>(null);
  const [reason, setReason] = useState('');
  const [releaseNote, setReleaseNote] = useState('');

  async function onRecord(e: FormEvent) {
    e.preventDefault();
    setProblem('');
    if (!person) return setProblem('Choose the person tested.');
    if (!testResult) return setProblem('Choose the result: negative or positive.');
    const at = sampledEdited ? fromLocalInput(sampledAt) : new Date().toISOString();
    if (!at) return setProblem('Give the time the sample was taken.');
    const r = await record({
      input: { id: uuid(), personId: person.id, sampledAt: at, result: testResult },
    });
    if (r.data) {
      setTestResult('');
      setSampledEdited(false);
      setSampledAt(toLocalInput(new Date()));
      isolated.reload();
    }
  }

  async function onRelease() {
    if (!releasing || !reason.trim()) return;
    const who = releasing;
    setReleasing(null);
    const r = await release({ personId: who.id, reason: reason.trim() });
    setReason('');
    if (r.data) {
      setReleaseNote(
        `${who.givenName} ${who.familyName} released: now ${r.data.releaseFromIsolation.status}.`,
      );
      isolated.reload();
    }
  }

  const state = recorded.data?.recordTestResult;
  return (
    <section aria-labelledby="health-title">
      <h1 id="health-title">Health desk</h1>
      <div className="columns">
        <form onSubmit={(e) => void onRecord(e)} className="panel" aria-labelledby="test-h">
          <h2 id="test-h">Record a test result</h2>
          <PersonPicker label="Person tested" selected={person} onSelect={setPerson} />
          <div className="field">
            <label htmlFor="test-sampled">Sampled at</label>
            <input
              id="test-sampled"
              type="datetime-local"
              value={sampledAt}
              aria-describedby="test-sampled-hint"
              onChange={(e) => {
                setSampledAt(e.target.value);
                setSampledEdited(true);
              }}
            />
            <p id="test-sampled-hint" className="hint">
              Left unchanged, the sample is recorded as taken now.
            </p>
          </div>
          <fieldset className="segmented">
            <legend>Result</legend>
            {(['NEGATIVE', 'POSITIVE'] as const).map((r) => (
              <label key={r} className={testResult === r ? 'checked' : ''}>
                <input
                  type="radio"
                  name="test-result"
                  value={r}
                  checked={testResult === r}
                  onChange={() => setTestResult(r)}
                />
                {r === 'NEGATIVE' ? 'Negative' : 'Positive'}
              </label>
            ))}
          </fieldset>
          {problem && <ErrorAlert text={problem} />}
          <ErrorAlert error={recorded.error} />
          <button type="submit" className="primary" disabled={recorded.fetching}>
            Record result
          </button>
          {state && (
            <p role="status" className="alert alert-ok">
              <span aria-hidden="true">✔ </span>
              Result recorded. Closed-loop status: {state.status}; next test due by{' '}
              {formatDateTime(state.testDueBy)}.
            </p>
          )}
        </form>
        <section className="panel" aria-labelledby="isolated-h">
          <h2 id="isolated-h">
            Isolated people {isolated.totalCount !== null && `(${isolated.totalCount})`}
          </h2>
          <ExportButton
            label="Download isolated (CSV)"
            stem="isolated"
            build={() => peopleCsv(client, { closedLoopStatus: 'ISOLATED' })}
            disabled={!isolated.totalCount}
          />
          <ErrorAlert error={isolated.error} />
          <ErrorAlert error={released.error} />
          {releaseNote && (
            <p role="status" className="alert alert-ok">
              <span aria-hidden="true">✔ </span>
              {releaseNote}
            </p>
          )}
          {isolated.rows.length === 0 ? (
            <p className="muted">{isolated.fetching ? 'Loading…' : 'Nobody is isolated.'}</p>
          ) : (
            <ul className="plain-list">
              {isolated.rows.map((p) => (
                <li key={p.id}>
                  <a href={`#/person/${encodeURIComponent(p.id)}`}>
                    {p.givenName} {p.familyName}
                  </a>{' '}
                  · {p.organisation.name} · card {p.accreditation.cardNumber}{' '}
                  <button type="button" onClick={() => setReleasing(p)}>
                    Release {p.givenName} {p.familyName}…
                  </button>
                </li>
              ))}
            </ul>
          )}
          {isolated.hasNextPage && (
            <button type="button" onClick={isolated.loadMore}>
              Show more
            </button>
          )}
        </section>
      </div>
      {releasing && (
        <Dialog
          title={`Release ${releasing.givenName} ${releasing.familyName} from isolation`}
          onClose={() => setReleasing(null)}
          actions={
            <>
              <button type="button" onClick={() => setReleasing(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="primary"
                disabled={!reason.trim()}
                onClick={() => void onRelease()}
              >
                Release
              </button>
            </>
          }
        >
          <div className="field">
            <label htmlFor="release-reason">Reason for release</label>
            <textarea
              id="release-reason"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        </Dialog>
      )}
    </section>
  );
}

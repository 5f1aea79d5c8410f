import { uuid } from '../api/uuid';
import { useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { useClient, useMutation, useQuery } from 'urql';
import { LOOP_STATUS } from '../components/StatusBadge';
import { RecordTestResultMutation, ReleaseMutation, TestsDueQuery } from '../api/operations';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButton } from '../export/ExportButton';
import { peopleCsv, peopleTable, testsDueCsv, testsDueTable } from '../export/exports';
import { PrintButton } from '../export/PrintButton';
import { fromLocalInput, toLocalInput, useFormat, type Format } from '../components/format';
import { PersonPicker } from '../components/PersonPicker';
import type { ClosedLoopStatus, TestResult } from '../gql/graphql';
import { usePeopleSearch, type PersonRow } from '../accreditation/usePeopleSearch';
import { SuccessNote } from '../components/SuccessNote';

/** The end of the local day: the list of today's tests reaches up to it. */
function endOfToday(): Date {
  const d = new Date();
  d.setHours(24, 0, 0, 0);
  return d;
}

/** What a recorded result did, in words: whether it changed the person's closed-loop state. */
function resultSummary(
  intl: IntlShape,
  format: Format,
  name: string,
  result: TestResult,
  state: { status: ClosedLoopStatus; testDueBy?: string | null; stateChanged?: boolean | null },
): string {
  const values = {
    name,
    positive: result === 'POSITIVE' ? 'yes' : 'no',
    status: intl.formatMessage(LOOP_STATUS[state.status].name),
  };
  const due = state.testDueBy
    ? ` ${intl.formatMessage(
        { id: 'health.nextDue', defaultMessage: 'Next test due by {when}.' },
        { when: format.dateTime(state.testDueBy) },
      )}`
    : '';
  if (state.stateChanged) {
    return (
      intl.formatMessage(
        {
          id: 'health.changed',
          defaultMessage:
            '{positive, select, yes {Positive} other {Negative}} result recorded for {name}. It changed the closed-loop state: now {status}.',
        },
        values,
      ) + due
    );
  }
  const why =
    result === 'POSITIVE'
      ? intl.formatMessage({
          id: 'health.why.alreadyIsolated',
          defaultMessage: 'they were already isolated or have left the loop',
        })
      : state.status === 'ISOLATED'
        ? intl.formatMessage({
            id: 'health.why.negativeKeepsIsolation',
            defaultMessage: 'a negative result never ends isolation',
          })
        : intl.formatMessage({
            id: 'health.why.laterSample',
            defaultMessage: 'a later sample was already recorded',
          });
  return (
    intl.formatMessage(
      {
        id: 'health.unchanged',
        defaultMessage:
          '{positive, select, yes {Positive} other {Negative}} result recorded for {name}, but it did not change the closed-loop state ({why}): still {status}.',
      },
      { ...values, why },
    ) + due
  );
}

/** Records test results (a positive only after confirming); today's tests due; isolated people and their release. */
export function HealthPage() {
  const intl = useIntl();
  const { formatMessage } = intl;
  const format = useFormat();
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
  const [confirmingPositive, setConfirmingPositive] = useState(false);
  const [summary, setSummary] = useState('');
  const dueBefore = useMemo(() => endOfToday().toISOString(), []);
  const [due, reloadDue] = useQuery({
    query: TestsDueQuery,
    variables: { before: dueBefore, first: 100 },
  });

  function onRecord(e: FormEvent) {
    e.preventDefault();
    setProblem('');
    setSummary('');
    if (!person)
      return setProblem(
        formatMessage({ id: 'health.choosePerson', defaultMessage: 'Choose the person tested.' }),
      );
    if (!testResult) {
      return setProblem(
        formatMessage({
          id: 'health.chooseResult',
          defaultMessage: 'Choose the result: negative or positive.',
        }),
      );
    }
    if (sampledEdited && !fromLocalInput(sampledAt)) {
      return setProblem(
        formatMessage({
          id: 'health.giveTime',
          defaultMessage: 'Give the time the sample was taken.',
        }),
      );
    }
    // A positive isolates the person at once: the officer confirms it first.
    if (testResult === 'POSITIVE') return setConfirmingPositive(true);
    void send();
  }

  async function send() {
    setConfirmingPositive(false);
    if (!person || !testResult || recorded.fetching) return;
    const at = sampledEdited ? fromLocalInput(sampledAt) : new Date().toISOString();
    if (!at) return;
    const r = await record({
      input: { id: uuid(), personId: person.id, sampledAt: at, result: testResult },
    });
    if (r.data) {
      setSummary(
        resultSummary(
          intl,
          format,
          `${person.givenName} ${person.familyName}`,
          testResult,
          r.data.recordTestResult,
        ),
      );
      setTestResult('');
      setSampledEdited(false);
      setSampledAt(toLocalInput(new Date()));
      isolated.reload();
      reloadDue({ requestPolicy: 'network-only' });
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
        formatMessage(
          { id: 'health.released', defaultMessage: '{name} released: now {status}.' },
          {
            name: `${who.givenName} ${who.familyName}`,
            status: formatMessage(LOOP_STATUS[r.data.releaseFromIsolation.status].name),
          },
        ),
      );
      isolated.reload();
    }
  }

  const state = recorded.data?.recordTestResult;
  const dueRows = due.data?.testsDue.nodes ?? [];
  const now = Date.now();
  return (
    <section aria-labelledby="health-title">
      <h1 id="health-title">
        <FormattedMessage id="screen.health" defaultMessage="Health desk" />
      </h1>
      <div className="columns">
        <form onSubmit={onRecord} className="panel" aria-labelledby="test-h">
          <h2 id="test-h">
            <FormattedMessage id="health.record" defaultMessage="Record a test result" />
          </h2>
          <PersonPicker
            label={formatMessage({ id: 'health.person', defaultMessage: 'Person tested' })}
            selected={person}
            onSelect={setPerson}
          />
          <div className="field">
            <label htmlFor="test-sampled">
              <FormattedMessage id="health.sampledAt" defaultMessage="Sampled at" />
            </label>
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
              <FormattedMessage
                id="health.sampledHint"
                defaultMessage="Left unchanged, the sample is recorded as taken now."
              />
            </p>
          </div>
          <fieldset className="segmented">
            <legend>
              <FormattedMessage id="health.result" defaultMessage="Result" />
            </legend>
            {(['NEGATIVE', 'POSITIVE'] as const).map((r) => (
              <label key={r} className={testResult === r ? 'checked' : ''}>
                <input
                  type="radio"
                  name="test-result"
                  value={r}
                  checked={testResult === r}
                  onChange={() => setTestResult(r)}
                />
                {r === 'NEGATIVE'
                  ? formatMessage({ id: 'health.negative', defaultMessage: 'Negative' })
                  : formatMessage({ id: 'health.positive', defaultMessage: 'Positive' })}
              </label>
            ))}
          </fieldset>
          {problem && <ErrorAlert text={problem} />}
          <ErrorAlert error={recorded.error} />
          <button type="submit" className="primary" disabled={recorded.fetching}>
            <FormattedMessage id="health.submit" defaultMessage="Record result" />
          </button>
          {state && summary && (
            <p role="status" className={state.stateChanged ? 'alert alert-ok' : 'alert'}>
              <span aria-hidden="true">{state.stateChanged ? '✔ ' : 'ℹ '}</span>
              {summary}
            </p>
          )}
        </form>
        <section className="panel" aria-labelledby="due-h">
          <h2 id="due-h">
            {due.data
              ? formatMessage(
                  { id: 'health.dueCount', defaultMessage: 'Tests due today ({count})' },
                  { count: due.data.testsDue.totalCount },
                )
              : formatMessage({ id: 'health.due', defaultMessage: 'Tests due today' })}
          </h2>
          <div className="row">
            <ExportButton
              label={formatMessage({
                id: 'export.testsDue',
                defaultMessage: 'Download tests due (CSV)',
              })}
              stem="tests-due"
              build={() => testsDueCsv(client, dueBefore)}
              disabled={!due.data?.testsDue.totalCount}
            />
            <PrintButton
              label={formatMessage({ id: 'print.testsDue', defaultMessage: 'Print tests due' })}
              title={formatMessage({ id: 'health.due', defaultMessage: 'Tests due today' })}
              filters={[
                formatMessage(
                  { id: 'print.dueBefore', defaultMessage: 'Due before {when}' },
                  { when: format.dateTime(dueBefore) },
                ),
                formatMessage({
                  id: 'print.dueWho',
                  defaultMessage: 'People in the loop or close contacts, soonest (overdue) first',
                }),
              ]}
              build={() => testsDueTable(client, dueBefore)}
              disabled={!due.data?.testsDue.totalCount}
            />
          </div>
          <ErrorAlert error={due.error} />
          {dueRows.length === 0 ? (
            <p className="muted">
              {due.fetching
                ? formatMessage({ id: 'common.loading', defaultMessage: 'Loading…' })
                : formatMessage({
                    id: 'health.noneDue',
                    defaultMessage: 'Nobody else is due a test today.',
                  })}
            </p>
          ) : (
            <ol
              className="plain-list"
              aria-label={formatMessage({
                id: 'health.dueList',
                defaultMessage: 'Tests due today, overdue first',
              })}
            >
              {dueRows.map((p) => {
                const dueBy = p.closedLoop.testDueBy;
                const overdue = dueBy !== null && dueBy !== undefined && Date.parse(dueBy) < now;
                return (
                  <li key={p.id}>
                    {overdue && (
                      <span className="badge">
                        <FormattedMessage id="health.overdue" defaultMessage="Overdue" />
                      </span>
                    )}{' '}
                    <a href={`#/person/${encodeURIComponent(p.id)}`}>
                      {p.givenName} {p.familyName}
                    </a>{' '}
                    ·{' '}
                    <FormattedMessage
                      id="health.dueRow"
                      defaultMessage="{organisation} · card {card} · due {when}"
                      values={{
                        organisation: p.organisation.name,
                        card: p.accreditation.cardNumber,
                        when: format.dateTime(dueBy),
                      }}
                    />
                    {p.closedLoop.status === 'CLOSE_CONTACT' &&
                      ` · ${formatMessage({ id: 'health.closeContact', defaultMessage: 'close contact' })}`}
                  </li>
                );
              })}
            </ol>
          )}
          {due.data?.testsDue.pageInfo.hasNextPage && (
            <p className="muted">
              <FormattedMessage
                id="health.first100"
                defaultMessage="The first 100 are shown, soonest first."
              />
            </p>
          )}
        </section>
        <section className="panel" aria-labelledby="isolated-h">
          <h2 id="isolated-h">
            {isolated.totalCount !== null
              ? formatMessage(
                  { id: 'health.isolatedCount', defaultMessage: 'Isolated people ({count})' },
                  { count: isolated.totalCount },
                )
              : formatMessage({ id: 'health.isolated', defaultMessage: 'Isolated people' })}
          </h2>
          <div className="row">
            <ExportButton
              label={formatMessage({
                id: 'export.isolated',
                defaultMessage: 'Download isolated (CSV)',
              })}
              stem="isolated"
              build={() => peopleCsv(client, { closedLoopStatus: 'ISOLATED' })}
              disabled={!isolated.totalCount}
            />
            <PrintButton
              label={formatMessage({ id: 'print.isolated', defaultMessage: 'Print isolated' })}
              title={formatMessage({ id: 'health.isolated', defaultMessage: 'Isolated people' })}
              filters={[
                formatMessage(
                  { id: 'print.loopStatus', defaultMessage: 'Closed-loop status: {status}' },
                  { status: formatMessage(LOOP_STATUS.ISOLATED.name) },
                ),
              ]}
              build={() => peopleTable(client, { closedLoopStatus: 'ISOLATED' })}
              disabled={!isolated.totalCount}
            />
          </div>
          <ErrorAlert error={isolated.error} />
          <ErrorAlert error={released.error} />
          {releaseNote && <SuccessNote>{releaseNote}</SuccessNote>}
          {isolated.rows.length === 0 ? (
            <p className="muted">
              {isolated.fetching
                ? formatMessage({ id: 'common.loading', defaultMessage: 'Loading…' })
                : formatMessage({
                    id: 'health.noneIsolated',
                    defaultMessage: 'Nobody is isolated.',
                  })}
            </p>
          ) : (
            <ul className="plain-list">
              {isolated.rows.map((p) => (
                <li key={p.id}>
                  <a href={`#/person/${encodeURIComponent(p.id)}`}>
                    {p.givenName} {p.familyName}
                  </a>{' '}
                  ·{' '}
                  <FormattedMessage
                    id="personPicker.selected"
                    defaultMessage="{organisation} · card {card}"
                    values={{ organisation: p.organisation.name, card: p.accreditation.cardNumber }}
                  />{' '}
                  <button type="button" onClick={() => setReleasing(p)}>
                    <FormattedMessage
                      id="health.releaseOne"
                      defaultMessage="Release {name}…"
                      values={{ name: `${p.givenName} ${p.familyName}` }}
                    />
                  </button>
                </li>
              ))}
            </ul>
          )}
          {isolated.hasNextPage && (
            <button type="button" onClick={isolated.loadMore}>
              <FormattedMessage id="common.showMoreShort" defaultMessage="Show more" />
            </button>
          )}
        </section>
      </div>
      {confirmingPositive && person && (
        <Dialog
          title={formatMessage(
            {
              id: 'health.confirmPositive',
              defaultMessage: 'Record a POSITIVE result for {name}?',
            },
            { name: `${person.givenName} ${person.familyName}` },
          )}
          onClose={() => setConfirmingPositive(false)}
          actions={
            <>
              <button type="button" onClick={() => setConfirmingPositive(false)}>
                <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
              </button>
              <button
                type="button"
                className="danger"
                disabled={recorded.fetching}
                onClick={() => void send()}
              >
                <FormattedMessage
                  id="health.recordPositive"
                  defaultMessage="Record positive and isolate"
                />
              </button>
            </>
          }
        >
          <p>
            <FormattedMessage
              id="health.positiveExplained"
              defaultMessage="{name} will be {status} at once, whenever the sample was taken, and admitted at no gate until released from isolation. Check that the result belongs to this person."
              values={{
                name: `${person.givenName} ${person.familyName}`,
                status: formatMessage(LOOP_STATUS.ISOLATED.name),
              }}
            />
          </p>
        </Dialog>
      )}
      {releasing && (
        <Dialog
          title={formatMessage(
            { id: 'health.releaseTitle', defaultMessage: 'Release {name} from isolation' },
            { name: `${releasing.givenName} ${releasing.familyName}` },
          )}
          onClose={() => setReleasing(null)}
          actions={
            <>
              <button type="button" onClick={() => setReleasing(null)}>
                <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
              </button>
              <button
                type="button"
                className="primary"
                disabled={!reason.trim()}
                onClick={() => void onRelease()}
              >
                <FormattedMessage id="health.release" defaultMessage="Release" />
              </button>
            </>
          }
        >
          <div className="field">
            <label htmlFor="release-reason">
              <FormattedMessage id="health.releaseReason" defaultMessage="Reason for release" />
            </label>
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

import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useClient, useMutation, type CombinedError } from 'urql';
import { LOOP_STATUS, LoopStatusName } from '../components/StatusBadge';
import { DesignateMutation, TraceQuery } from '../api/operations';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButton } from '../export/ExportButton';
import { contactsCsv, contactsTable } from '../export/exports';
import { PrintButton } from '../export/PrintButton';
import { fromLocalInput, toLocalInput, useFormat } from '../components/format';
import { PersonPicker } from '../components/PersonPicker';
import type { TraceQuery as TraceResult } from '../gql/graphql';
import type { PersonRow } from '../accreditation/usePeopleSearch';
import { SuccessNote } from '../components/SuccessNote';

/**
 * The contacts a trace shows at first, most minutes first: a week at a Games venue meets
 * thousands of people, and the closest are the ones a tracer reads first. One more is asked
 * for, to know whether there are others.
 */
export const TRACE_FIRST = 100;

interface TraceWindow {
  personId: string;
  from: string;
  to: string;
  minMinutes: number;
}

/**
 * A person's stays and ranked contacts in a window; the tracer ticks whom to designate,
 * confirms the list, and the statuses are read again afterwards.
 */
export function TracingPage() {
  const client = useClient();
  const intl = useIntl();
  const { formatMessage } = intl;
  const format = useFormat();
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [from, setFrom] = useState(() => toLocalInput(new Date(Date.now() - 7 * 86_400_000)));
  const [to, setTo] = useState(() => toLocalInput(new Date()));
  const [minMinutes, setMinMinutes] = useState('15');
  const [trace, setTrace] = useState<TraceResult | null>(null);
  const [traced, setTraced] = useState<TraceWindow | null>(null);
  const [everyContact, setEveryContact] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const [problem, setProblem] = useState('');
  const [fetching, setFetching] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [designated, designate] = useMutation(DesignateMutation);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  // Set synchronously on the first click: a double click cannot designate twice.
  const designating = useRef(false);

  async function onTrace(e: FormEvent) {
    e.preventDefault();
    setProblem('');
    const w: TraceWindow = {
      personId: person?.id ?? '',
      from: fromLocalInput(from),
      to: fromLocalInput(to),
      minMinutes: Number.parseInt(minMinutes, 10),
    };
    if (!w.personId)
      return setProblem(
        formatMessage({
          id: 'tracing.choosePerson',
          defaultMessage: 'Choose the person to trace.',
        }),
      );
    if (!w.from || !w.to || w.from >= w.to) {
      return setProblem(
        formatMessage({
          id: 'tracing.badWindow',
          defaultMessage: 'Give a window whose start is before its end.',
        }),
      );
    }
    if (!Number.isFinite(w.minMinutes) || w.minMinutes < 1) {
      return setProblem(
        formatMessage({
          id: 'tracing.badMinutes',
          defaultMessage: 'Minimum minutes must be a whole number of at least 1.',
        }),
      );
    }
    setChosen(new Set());
    await load(w, false);
  }

  function query(w: TraceWindow, all: boolean) {
    return client
      .query(
        TraceQuery,
        { ...w, first: all ? null : TRACE_FIRST + 1 },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
  }

  async function load(w: TraceWindow, all: boolean) {
    setFetching(true);
    const r = await query(w, all);
    setFetching(false);
    setError(r.error);
    setTrace(r.data ?? null);
    setTraced(r.data ? w : null);
    setEveryContact(all);
  }

  /** Every contact of the trace on screen, for a file or a print, whatever is shown. */
  async function allContacts(w: TraceWindow): Promise<TraceResult['contacts']> {
    if (!more) return contacts;
    const r = await query(w, true);
    if (!r.data) throw r.error ?? new Error('no contacts');
    return r.data.contacts;
  }

  async function onDesignate() {
    if (!traced || chosen.size === 0 || designating.current) return;
    designating.current = true;
    setConfirming(false);
    try {
      const personIds = contacts.filter((c) => chosen.has(c.person.id)).map((c) => c.person.id);
      const r = await designate({ ...traced, personIds });
      if (r.data) {
        setChosen(new Set());
        // Their statuses as they are now (CLOSE_CONTACT, or ISOLATED kept).
        await load(traced, everyContact);
      }
    } finally {
      designating.current = false;
    }
  }

  function toggle(id: string, on: boolean) {
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const found = trace?.contacts ?? [];
  const more = !everyContact && found.length > TRACE_FIRST;
  const contacts = more ? found.slice(0, TRACE_FIRST) : found;
  const picked = contacts.filter((c) => chosen.has(c.person.id));
  const allPicked = contacts.length > 0 && picked.length === contacts.length;
  return (
    <section aria-labelledby="tracing-title">
      <h1 id="tracing-title">
        <FormattedMessage id="screen.tracing" defaultMessage="Tracing" />
      </h1>
      <form
        onSubmit={(e) => void onTrace(e)}
        className="panel"
        aria-label={formatMessage({ id: 'tracing.form', defaultMessage: 'Trace a person' })}
      >
        <PersonPicker
          label={formatMessage({ id: 'tracing.person', defaultMessage: 'Person to trace' })}
          selected={person}
          onSelect={(p) => {
            setPerson(p);
            setTrace(null);
          }}
        />
        <div className="form-row">
          <div className="field">
            <label htmlFor="trace-from">
              <FormattedMessage id="audit.from" defaultMessage="From" />
            </label>
            <input
              id="trace-from"
              type="datetime-local"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="trace-to">
              <FormattedMessage id="tracing.to" defaultMessage="To" />
            </label>
            <input
              id="trace-to"
              type="datetime-local"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="trace-min">
              <FormattedMessage id="tracing.minMinutes" defaultMessage="Minimum minutes together" />
            </label>
            <input
              id="trace-min"
              type="number"
              min={1}
              value={minMinutes}
              onChange={(e) => setMinMinutes(e.target.value)}
            />
          </div>
        </div>
        {problem && <ErrorAlert text={problem} />}
        <button type="submit" className="primary" disabled={fetching}>
          {fetching
            ? formatMessage({ id: 'tracing.tracing', defaultMessage: 'Tracing…' })
            : formatMessage({ id: 'tracing.submit', defaultMessage: 'Find stays and contacts' })}
        </button>
      </form>
      <ErrorAlert error={error} />
      {trace && (
        <div className="columns">
          <section className="panel" aria-labelledby="stays-h">
            <h2 id="stays-h">
              <FormattedMessage
                id="tracing.stays"
                defaultMessage="Stays ({count})"
                values={{ count: trace.stays.length }}
              />
            </h2>
            {trace.stays.length === 0 ? (
              <p className="muted">
                <FormattedMessage id="tracing.noStays" defaultMessage="No stays in this window." />
              </p>
            ) : (
              <ol className="timeline">
                {trace.stays.map((s, i) => (
                  <li key={i}>
                    <strong>{s.location}</strong> · {format.dateTime(s.from)} –{' '}
                    {s.until
                      ? format.dateTime(s.until)
                      : formatMessage({ id: 'tracing.stillThere', defaultMessage: 'still there' })}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="panel" aria-labelledby="contacts-h">
            <h2 id="contacts-h">
              <FormattedMessage
                id="tracing.contacts"
                defaultMessage="Contacts ({count})"
                values={{ count: contacts.length }}
              />
            </h2>
            {traced && more && (
              <p role="status">
                <FormattedMessage
                  id="tracing.more"
                  defaultMessage="The {count} contacts with the most minutes are shown; there are more. Downloads and prints hold them all."
                  values={{ count: TRACE_FIRST }}
                />{' '}
                <button type="button" disabled={fetching} onClick={() => void load(traced, true)}>
                  <FormattedMessage id="tracing.showAll" defaultMessage="Show every contact" />
                </button>
              </p>
            )}
            {traced && contacts.length > 0 && (
              <div className="row">
                <ExportButton
                  label={formatMessage({
                    id: 'export.contacts',
                    defaultMessage: 'Download contacts (CSV)',
                  })}
                  stem="contacts"
                  build={async () => contactsCsv(await allContacts(traced))}
                />
                <PrintButton
                  label={formatMessage({ id: 'print.contacts', defaultMessage: 'Print contacts' })}
                  title={formatMessage(
                    { id: 'print.contactsOf', defaultMessage: 'Contacts of {name}' },
                    {
                      name:
                        person?.id === traced.personId
                          ? `${person.givenName} ${person.familyName}`
                          : formatMessage({
                              id: 'print.tracedPerson',
                              defaultMessage: 'the traced person',
                            }),
                    },
                  )}
                  filters={[
                    formatMessage(
                      { id: 'print.window', defaultMessage: 'Window {from} – {to}' },
                      { from: format.dateTime(traced.from), to: format.dateTime(traced.to) },
                    ),
                    formatMessage(
                      {
                        id: 'print.minMinutes',
                        defaultMessage: 'At least {minutes} minutes together',
                      },
                      { minutes: traced.minMinutes },
                    ),
                  ]}
                  build={async () => contactsTable(await allContacts(traced))}
                />
              </div>
            )}
            {contacts.length === 0 ? (
              <p className="muted">
                <FormattedMessage
                  id="tracing.noContacts"
                  defaultMessage="No contacts at or above the minimum."
                />
              </p>
            ) : (
              <>
                <table>
                  <caption className="visually-hidden">
                    <FormattedMessage
                      id="tracing.caption"
                      defaultMessage="Contacts, most minutes first"
                    />
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">
                        <input
                          type="checkbox"
                          aria-label={formatMessage({
                            id: 'tracing.chooseAll',
                            defaultMessage: 'Choose every contact',
                          })}
                          checked={allPicked}
                          onChange={(e) =>
                            setChosen(
                              new Set(e.target.checked ? contacts.map((c) => c.person.id) : []),
                            )
                          }
                        />
                      </th>
                      <th scope="col">
                        <FormattedMessage id="tracing.col.rank" defaultMessage="Rank" />
                      </th>
                      <th scope="col">
                        <FormattedMessage id="conflicts.col.person" defaultMessage="Person" />
                      </th>
                      <th scope="col">
                        <FormattedMessage
                          id="tracing.col.totalMinutes"
                          defaultMessage="Total minutes"
                        />
                      </th>
                      <th scope="col">
                        <FormattedMessage id="tracing.col.encounters" defaultMessage="Encounters" />
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {contacts.map((c, i) => (
                      <tr key={c.person.id}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={formatMessage(
                              { id: 'tracing.designateOne', defaultMessage: 'Designate {name}' },
                              { name: `${c.person.givenName} ${c.person.familyName}` },
                            )}
                            checked={chosen.has(c.person.id)}
                            onChange={(e) => toggle(c.person.id, e.target.checked)}
                          />
                        </td>
                        <td>{i + 1}</td>
                        <td>
                          {c.person.givenName} {c.person.familyName}
                          <br />
                          <span className="muted">
                            {c.person.organisation.name} ·{' '}
                            <LoopStatusName status={c.person.closedLoop.status} />
                          </span>
                        </td>
                        <td>{intl.formatNumber(c.totalMinutes)}</td>
                        <td>
                          <ul className="plain-list">
                            {c.encounters.map((en, j) => (
                              <li key={j}>
                                <FormattedMessage
                                  id="tracing.encounter"
                                  defaultMessage="{location}: {from} – {until} ({minutes} min)"
                                  values={{
                                    location: en.location,
                                    from: format.dateTime(en.from),
                                    until: format.dateTime(en.until),
                                    minutes: en.minutes,
                                  }}
                                />
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button
                  type="button"
                  className="danger"
                  disabled={designated.fetching || picked.length === 0}
                  onClick={() => setConfirming(true)}
                >
                  {picked.length === 0
                    ? formatMessage({
                        id: 'tracing.tick',
                        defaultMessage: 'Tick the contacts to designate',
                      })
                    : formatMessage(
                        {
                          id: 'tracing.designate',
                          defaultMessage:
                            'Designate {count, plural, one {# close contact} other {# close contacts}}…',
                        },
                        { count: picked.length },
                      )}
                </button>
              </>
            )}
          </section>
        </div>
      )}
      <ErrorAlert error={designated.error} />
      {designated.data && (
        <SuccessNote>
          <FormattedMessage
            id="tracing.designated"
            defaultMessage="{count, plural, one {# person marked as close contact} other {# people marked as close contacts}}: {people}."
            values={{
              count: designated.data.designateCloseContacts.length,
              people: designated.data.designateCloseContacts
                .map(
                  (c) =>
                    `${c.person.givenName} ${c.person.familyName} (${formatMessage(LOOP_STATUS[c.person.closedLoop.status].name)})`,
                )
                .join(', '),
            }}
          />
        </SuccessNote>
      )}
      {confirming && (
        <Dialog
          title={formatMessage({
            id: 'tracing.confirmTitle',
            defaultMessage: 'Designate close contacts?',
          })}
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" onClick={() => setConfirming(false)}>
                <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
              </button>
              <button
                type="button"
                className="danger"
                disabled={designated.fetching}
                onClick={() => void onDesignate()}
              >
                <FormattedMessage
                  id="tracing.mark"
                  defaultMessage="Mark {count} as {count, plural, one {close contact} other {close contacts}}"
                  values={{ count: picked.length }}
                />
              </button>
            </>
          }
        >
          <p>
            <FormattedMessage
              id="tracing.confirmText"
              defaultMessage="These people will be marked {status} for 7 days, tested every 12 hours, with their next test due within 12 hours (isolated people stay isolated):"
              values={{ status: formatMessage(LOOP_STATUS.CLOSE_CONTACT.name) }}
            />
          </p>
          <ul
            aria-label={formatMessage({
              id: 'tracing.toBeMarked',
              defaultMessage: 'People to be marked',
            })}
          >
            {picked.map((c) => (
              <li key={c.person.id}>
                <FormattedMessage
                  id="tracing.pickedOne"
                  defaultMessage="{name} — {minutes} min"
                  values={{
                    name: `${c.person.givenName} ${c.person.familyName}`,
                    minutes: c.totalMinutes,
                  }}
                />
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </section>
  );
}

import { useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, type CombinedError } from 'urql';
import { DesignateMutation, TraceQuery } from '../api/operations';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButton } from '../export/ExportButton';
import { contactsCsv, contactsTable } from '../export/exports';
import { PrintButton } from '../export/PrintButton';
import { formatDateTime, fromLocalInput, toLocalInput } from '../components/format';
import { PersonPicker } from '../components/PersonPicker';
import type { TraceQuery as TraceResult } from '../gql/graphql';
import type { PersonRow } from '../accreditation/usePeopleSearch';
import { SuccessNote } from '../components/SuccessNote';

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
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [from, setFrom] = useState(() => toLocalInput(new Date(Date.now() - 7 * 86_400_000)));
  const [to, setTo] = useState(() => toLocalInput(new Date()));
  const [minMinutes, setMinMinutes] = useState('15');
  const [trace, setTrace] = useState<TraceResult | null>(null);
  const [traced, setTraced] = useState<TraceWindow | null>(null);
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
    if (!w.personId) return setProblem('Choose the person to trace.');
    if (!w.from || !w.to || w.from >= w.to) {
      return setProblem('Give a window whose start is before its end.');
    }
    if (!Number.isFinite(w.minMinutes) || w.minMinutes < 1) {
      return setProblem('Minimum minutes must be a whole number of at least 1.');
    }
    setChosen(new Set());
    await load(w);
  }

  async function load(w: TraceWindow) {
    setFetching(true);
    const r = await client.query(TraceQuery, w, { requestPolicy: 'network-only' }).toPromise();
    setFetching(false);
    setError(r.error);
    setTrace(r.data ?? null);
    setTraced(r.data ? w : null);
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
        await load(traced);
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

  const contacts = trace?.contacts ?? [];
  const picked = contacts.filter((c) => chosen.has(c.person.id));
  const allPicked = contacts.length > 0 && picked.length === contacts.length;
  return (
    <section aria-labelledby="tracing-title">
      <h1 id="tracing-title">Tracing</h1>
      <form onSubmit={(e) => void onTrace(e)} className="panel" aria-label="Trace a person">
        <PersonPicker
          label="Person to trace"
          selected={person}
          onSelect={(p) => {
            setPerson(p);
            setTrace(null);
          }}
        />
        <div className="form-row">
          <div className="field">
            <label htmlFor="trace-from">From</label>
            <input
              id="trace-from"
              type="datetime-local"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="trace-to">To</label>
            <input
              id="trace-to"
              type="datetime-local"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="trace-min">Minimum minutes together</label>
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
          {fetching ? 'Tracing…' : 'Find stays and contacts'}
        </button>
      </form>
      <ErrorAlert error={error} />
      {trace && (
        <div className="columns">
          <section className="panel" aria-labelledby="stays-h">
            <h2 id="stays-h">Stays ({trace.stays.length})</h2>
            {trace.stays.length === 0 ? (
              <p className="muted">No stays in this window.</p>
            ) : (
              <ol className="timeline">
                {trace.stays.map((s, i) => (
                  <li key={i}>
                    <strong>{s.location}</strong> · {formatDateTime(s.from)} –{' '}
                    {s.until ? formatDateTime(s.until) : 'still there'}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="panel" aria-labelledby="contacts-h">
            <h2 id="contacts-h">Contacts ({contacts.length})</h2>
            {traced && contacts.length > 0 && (
              <div className="row">
                <ExportButton
                  label="Download contacts (CSV)"
                  stem="contacts"
                  build={() => contactsCsv(contacts)}
                />
                <PrintButton
                  label="Print contacts"
                  title={`Contacts of ${person?.id === traced.personId ? `${person.givenName} ${person.familyName}` : 'the traced person'}`}
                  filters={[
                    `Window ${formatDateTime(traced.from)} – ${formatDateTime(traced.to)}`,
                    `At least ${traced.minMinutes} minutes together`,
                  ]}
                  build={() => contactsTable(contacts)}
                />
              </div>
            )}
            {contacts.length === 0 ? (
              <p className="muted">No contacts at or above the minimum.</p>
            ) : (
              <>
                <table>
                  <caption className="visually-hidden">Contacts, most minutes first</caption>
                  <thead>
                    <tr>
                      <th scope="col">
                        <input
                          type="checkbox"
                          aria-label="Choose every contact"
                          checked={allPicked}
                          onChange={(e) =>
                            setChosen(
                              new Set(e.target.checked ? contacts.map((c) => c.person.id) : []),
                            )
                          }
                        />
                      </th>
                      <th scope="col">Rank</th>
                      <th scope="col">Person</th>
                      <th scope="col">Total minutes</th>
                      <th scope="col">Encounters</th>
                    </tr>
                  </thead>
                  <tbody>
                    {contacts.map((c, i) => (
                      <tr key={c.person.id}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Designate ${c.person.givenName} ${c.person.familyName}`}
                            checked={chosen.has(c.person.id)}
                            onChange={(e) => toggle(c.person.id, e.target.checked)}
                          />
                        </td>
                        <td>{i + 1}</td>
                        <td>
                          {c.person.givenName} {c.person.familyName}
                          <br />
                          <span className="muted">
                            {c.person.organisation.name} · {c.person.closedLoop.status}
                          </span>
                        </td>
                        <td>{c.totalMinutes}</td>
                        <td>
                          <ul className="plain-list">
                            {c.encounters.map((en, j) => (
                              <li key={j}>
                                {en.location}: {formatDateTime(en.from)} –{' '}
                                {formatDateTime(en.until)} ({en.minutes} min)
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
                    ? 'Tick the contacts to designate'
                    : `Designate ${picked.length} close contact${picked.length === 1 ? '' : 's'}…`}
                </button>
              </>
            )}
          </section>
        </div>
      )}
      <ErrorAlert error={designated.error} />
      {designated.data && (
        <SuccessNote>
          {designated.data.designateCloseContacts.length} people marked as close contacts:{' '}
          {designated.data.designateCloseContacts
            .map(
              (c) => `${c.person.givenName} ${c.person.familyName} (${c.person.closedLoop.status})`,
            )
            .join(', ')}
          .
        </SuccessNote>
      )}
      {confirming && (
        <Dialog
          title="Designate close contacts?"
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="danger"
                disabled={designated.fetching}
                onClick={() => void onDesignate()}
              >
                Mark {picked.length} as close contact{picked.length === 1 ? '' : 's'}
              </button>
            </>
          }
        >
          <p>
            These people will be marked CLOSE_CONTACT for 7 days, tested every 12 hours, with their
            next test due within 12 hours (isolated people stay isolated):
          </p>
          <ul aria-label="People to be marked">
            {picked.map((c) => (
              <li key={c.person.id}>
                {c.person.givenName} {c.person.familyName} — {c.totalMinutes} min
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </section>
  );
}

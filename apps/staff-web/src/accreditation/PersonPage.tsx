import { useState } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import {
  ApproveMutation,
  PersonQuery,
  ReinstateMutation,
  ReissueMutation,
  RevokeMutation,
  SuspendMutation,
} from '../api/operations';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../components/format';
import {
  AccreditationStatusBadge,
  HiddenForRole,
  LoopStatusBadge,
} from '../components/StatusBadge';
import type { Role } from '../gql/graphql';
import { mayRead } from '../nav/roles';
import { CardQr } from './CardQr';
import { EditPersonForm, namesOfFields } from './EditPersonForm';
import { PortraitPanel } from './PortraitPanel';
import { SuccessNote } from '../components/SuccessNote';

type Pending = { kind: 'suspend' } | { kind: 'revoke' } | { kind: 'reissue' } | null;

/** One person: card with QR code, accreditation, history, closed loop, movements, actions. */
export function PersonPage({
  id,
  editable,
  roles,
}: {
  id: string;
  editable: boolean;
  /** The reader's roles: what the server hides from them is said to be hidden. */
  roles: readonly Role[];
}) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: PersonQuery, variables: { id } });
  const [approve, doApprove] = useMutation(ApproveMutation);
  const [suspend, doSuspend] = useMutation(SuspendMutation);
  const [reinstate, doReinstate] = useMutation(ReinstateMutation);
  const [revoke, doRevoke] = useMutation(RevokeMutation);
  const [reissue, doReissue] = useMutation(ReissueMutation);
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [actionError, setActionError] = useState<CombinedError | undefined>();
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  // A note, an error or an open dialog belongs to the person it was made for, not the next one.
  const [shownFor, setShownFor] = useState(id);
  if (shownFor !== id) {
    setShownFor(id);
    setNote('');
    setActionError(undefined);
    setPending(null);
    setReason('');
    setConfirmed(false);
    setEditing(false);
  }

  const person = data?.person;
  if (fetching && !person) return <p role="status">Loading…</p>;
  if (error) return <ErrorAlert error={error} />;
  if (!person) return <ErrorAlert text="No such person." />;

  const acc = person.accreditation;
  const busy =
    approve.fetching ||
    suspend.fetching ||
    reinstate.fetching ||
    revoke.fetching ||
    reissue.fetching;

  async function run(
    action: () => Promise<{ error?: CombinedError; data?: unknown }>,
    done: string,
  ) {
    setActionError(undefined);
    setNote('');
    const r = await action();
    if (r.error) {
      setActionError(r.error);
    } else {
      setNote(done);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function confirmPending() {
    if (pending?.kind === 'reissue') {
      setPending(null);
      await run(
        () => doReissue({ id: acc.id }),
        'New card issued: the old printed card no longer works.',
      );
      return;
    }
    if (!pending || !reason.trim()) return;
    if (pending.kind === 'revoke' && !confirmed) return;
    const kind = pending.kind;
    setPending(null);
    if (kind === 'suspend') {
      await run(() => doSuspend({ id: acc.id, reason: reason.trim() }), 'Accreditation suspended.');
    } else {
      await run(() => doRevoke({ id: acc.id, reason: reason.trim() }), 'Accreditation revoked.');
    }
    setReason('');
    setConfirmed(false);
  }

  const name = `${person.givenName} ${person.familyName}`;
  const seesMovements = mayRead.movements(roles);
  const health = (at: string | null | undefined) =>
    mayRead.healthDates(roles) ? formatDateTime(at) : <HiddenForRole />;
  return (
    <section aria-labelledby="person-title">
      <p>
        <a href="#/people">← Back to search</a>
      </p>
      <h1 id="person-title">{name}</h1>
      <div className="columns">
        <article className="panel card-preview" aria-label="Accreditation card">
          <PortraitPanel
            personId={person.id}
            name={name}
            photo={person.photo}
            editable={editable}
            onSaved={() => refetch({ requestPolicy: 'network-only' })}
          />
          <p className="card-org">{person.organisation.name}</p>
          <p className="card-name">{name}</p>
          <p>
            {person.function} · category <strong>{acc.category}</strong>
          </p>
          <p className="mono">Card {acc.cardNumber}</p>
          {(acc.status === 'SUSPENDED' || acc.status === 'REVOKED') && (
            <p className="alert alert-error">
              <span aria-hidden="true">⚠ </span>
              {acc.status}: this card admits nowhere. Do not print it.
            </p>
          )}
          {acc.cardToken ? (
            <>
              <CardQr token={acc.cardToken} alt={`QR code of card ${acc.cardNumber} for ${name}`} />
              {acc.cardPdfUrl && acc.status !== 'SUSPENDED' && acc.status !== 'REVOKED' && (
                <p>
                  <a className="button" href={acc.cardPdfUrl} target="_blank" rel="noreferrer">
                    Print card (PDF)
                  </a>
                </p>
              )}
            </>
          ) : (
            <p className="muted">No QR code until the accreditation is approved.</p>
          )}
        </article>
        <div className="panel">
          <h2>Accreditation</h2>
          <dl className="details">
            <dt>Status</dt>
            <dd>
              <AccreditationStatusBadge status={acc.status} />
            </dd>
            <dt>Valid</dt>
            <dd>
              {formatDateTime(acc.validFrom)} – {formatDateTime(acc.validUntil)}
            </dd>
            <dt>Venues</dt>
            <dd>{acc.venues.join(', ')}</dd>
            <dt>Zones</dt>
            <dd>{acc.zones.join(', ')}</dd>
            <dt>Date of birth</dt>
            <dd>{person.dateOfBirth}</dd>
            <dt>Nationality</dt>
            <dd>{person.nationality}</dd>
            <dt>Document</dt>
            <dd>{person.documentNumber ?? <HiddenForRole />}</dd>
          </dl>
          {editable && (
            <div className="row actions" aria-label="Accreditation actions" role="group">
              <button
                type="button"
                disabled={busy || editing}
                onClick={() => {
                  setNote('');
                  setActionError(undefined);
                  setEditing(true);
                }}
              >
                Edit…
              </button>
              {acc.status === 'SUBMITTED' && (
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  onClick={() =>
                    void run(() => doApprove({ id: acc.id }), 'Accreditation approved.')
                  }
                >
                  Approve
                </button>
              )}
              {(acc.status === 'APPROVED' || acc.status === 'ACTIVE') && (
                <>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => setPending({ kind: 'suspend' })}
                  >
                    Suspend…
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => setPending({ kind: 'reissue' })}
                  >
                    Reissue card…
                  </button>
                </>
              )}
              {acc.status === 'SUSPENDED' && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void run(() => doReinstate({ id: acc.id }), 'Accreditation reinstated.')
                  }
                >
                  Reinstate
                </button>
              )}
              {acc.status !== 'REVOKED' && (
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() => setPending({ kind: 'revoke' })}
                >
                  Revoke…
                </button>
              )}
            </div>
          )}
          {note && <SuccessNote>{note}</SuccessNote>}
          <ErrorAlert error={actionError} />
        </div>
        <div className="panel">
          <h2>Closed loop</h2>
          <dl className="details">
            <dt>State</dt>
            <dd>
              <LoopStatusBadge status={person.closedLoop.status} />
            </dd>
            <dt>Entered</dt>
            <dd>{formatDateTime(person.closedLoop.enteredAt)}</dd>
            <dt>Last negative test</dt>
            <dd>{health(person.closedLoop.lastNegativeTestAt)}</dd>
            <dt>Test due by</dt>
            <dd>{health(person.closedLoop.testDueBy)}</dd>
            <dt>Close contact until</dt>
            <dd>{health(person.closedLoop.closeContactUntil)}</dd>
          </dl>
        </div>
      </div>
      {editing && (
        <EditPersonForm
          key={person.id}
          person={person}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setNote(saved);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
      <div className="columns">
        <section className="panel" aria-labelledby="history-h">
          <h2 id="history-h">History</h2>
          <ol className="timeline">
            {acc.history.map((h, i) => (
              <li key={i}>
                <strong>{h.status}</strong> · {formatDateTime(h.at)}
                {h.by && <> · by {h.by}</>}
                {h.reason && <> · “{h.reason}”</>}
                {h.changes.length > 0 && (
                  <ul className="changes" aria-label="Changed fields">
                    {h.changes.map((c) => (
                      <li key={c.field}>
                        {namesOfFields([c.field])}
                        {c.from !== null || c.to !== null ? (
                          <>
                            : {c.from ?? '—'} → {c.to ?? '—'}
                          </>
                        ) : (
                          ' changed'
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </section>
        <section className="panel" aria-labelledby="movements-h">
          <h2 id="movements-h">Movements{seesMovements && ` (${person.movements.totalCount})`}</h2>
          {!seesMovements && (
            <p>
              <HiddenForRole />
            </p>
          )}
          {seesMovements && person.movements.totalCount > person.movements.nodes.length && (
            <p className="hint">
              Showing {person.movements.nodes.length} of {person.movements.totalCount}.
            </p>
          )}
          {!seesMovements ? null : person.movements.nodes.length === 0 ? (
            <p className="muted">No movements recorded.</p>
          ) : (
            <ol className="timeline">
              {person.movements.nodes.map((m) => (
                <li key={m.id}>
                  <span aria-hidden="true">{m.kind === 'ENTRY' ? '→ ' : '← '}</span>
                  <strong>{m.kind}</strong> {m.location} · {formatDateTime(m.occurredAt)} ·{' '}
                  <span className="muted">{m.source}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      {pending?.kind === 'reissue' && (
        <Dialog
          title={`Reissue the card of ${name}?`}
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" onClick={() => setPending(null)}>
                Keep the current card
              </button>
              <button type="button" className="danger" onClick={() => void confirmPending()}>
                Reissue card
              </button>
            </>
          }
        >
          <p>
            The printed card {acc.cardNumber} stops working at once: every gate refuses it, also
            offline once its deny list is refreshed. Print the new card and hand it over.
          </p>
        </Dialog>
      )}
      {pending && pending.kind !== 'reissue' && (
        <Dialog
          title={pending.kind === 'suspend' ? `Suspend ${name}` : `Revoke ${name}`}
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" onClick={() => setPending(null)}>
                Cancel
              </button>
              <button
                type="button"
                className={pending.kind === 'revoke' ? 'danger' : 'primary'}
                disabled={!reason.trim() || (pending.kind === 'revoke' && !confirmed)}
                onClick={() => void confirmPending()}
              >
                {pending.kind === 'suspend' ? 'Suspend' : 'Revoke for good'}
              </button>
            </>
          }
        >
          <div className="field">
            <label htmlFor="action-reason">Reason</label>
            <textarea
              id="action-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
            />
          </div>
          {pending.kind === 'revoke' && (
            <label className="check">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
              />
              I understand that a revoked accreditation cannot be reinstated.
            </label>
          )}
        </Dialog>
      )}
    </section>
  );
}

import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ACCREDITATION_STATUS } from '../components/StatusBadge';
import { MOVEMENT_KIND_NAMES } from '../components/vocabulary';
import { CategoryName } from './categories';
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
import { useFormat } from '../components/format';
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
  const intl = useIntl();
  const { formatMessage } = intl;
  const format = useFormat();
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
  if (fetching && !person) {
    return (
      <p role="status">
        <FormattedMessage id="common.loading" defaultMessage="Loading…" />
      </p>
    );
  }
  if (error) return <ErrorAlert error={error} />;
  if (!person) {
    return (
      <ErrorAlert text={formatMessage({ id: 'person.none', defaultMessage: 'No such person.' })} />
    );
  }

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
        formatMessage({
          id: 'person.reissued',
          defaultMessage: 'New card issued: the old printed card no longer works.',
        }),
      );
      return;
    }
    if (!pending || !reason.trim()) return;
    if (pending.kind === 'revoke' && !confirmed) return;
    const kind = pending.kind;
    setPending(null);
    if (kind === 'suspend') {
      await run(
        () => doSuspend({ id: acc.id, reason: reason.trim() }),
        formatMessage({ id: 'person.suspended', defaultMessage: 'Accreditation suspended.' }),
      );
    } else {
      await run(
        () => doRevoke({ id: acc.id, reason: reason.trim() }),
        formatMessage({ id: 'person.revoked', defaultMessage: 'Accreditation revoked.' }),
      );
    }
    setReason('');
    setConfirmed(false);
  }

  const name = `${person.givenName} ${person.familyName}`;
  const seesMovements = mayRead.movements(roles);
  const health = (at: string | null | undefined) =>
    mayRead.healthDates(roles) ? format.dateTime(at) : <HiddenForRole />;
  return (
    <section aria-labelledby="person-title">
      <p>
        <a href="#/people">
          {'← '}
          <FormattedMessage id="common.backToSearch" defaultMessage="Back to search" />
        </a>
      </p>
      <h1 id="person-title">{name}</h1>
      <div className="columns">
        <article
          className="panel card-preview"
          aria-label={formatMessage({ id: 'person.card', defaultMessage: 'Accreditation card' })}
        >
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
            <FormattedMessage
              id="person.functionCategory"
              defaultMessage="{function} · category <b>{category}</b>"
              values={{
                function: person.function,
                category: acc.category,
                b: (chunks) => <strong>{chunks}</strong>,
              }}
            />
          </p>
          <p className="mono">
            <FormattedMessage
              id="person.cardNumber"
              defaultMessage="Card {card}"
              values={{ card: acc.cardNumber }}
            />
          </p>
          {(acc.status === 'SUSPENDED' || acc.status === 'REVOKED') && (
            <p className="alert alert-error">
              <span aria-hidden="true">⚠ </span>
              <FormattedMessage
                id="person.admitsNowhere"
                defaultMessage="{status}: this card admits nowhere. Do not print it."
                values={{ status: formatMessage(ACCREDITATION_STATUS[acc.status].name) }}
              />
            </p>
          )}
          {acc.cardToken ? (
            <>
              <CardQr
                token={acc.cardToken}
                alt={formatMessage(
                  { id: 'person.qrAlt', defaultMessage: 'QR code of card {card} for {name}' },
                  { card: acc.cardNumber, name },
                )}
              />
              {acc.cardPdfUrl && acc.status !== 'SUSPENDED' && acc.status !== 'REVOKED' && (
                <p>
                  <a className="button" href={acc.cardPdfUrl} target="_blank" rel="noreferrer">
                    <FormattedMessage id="person.print" defaultMessage="Print card (PDF)" />
                  </a>
                </p>
              )}
            </>
          ) : (
            <p className="muted">
              <FormattedMessage
                id="person.noQr"
                defaultMessage="No QR code until the accreditation is approved."
              />
            </p>
          )}
        </article>
        <div className="panel">
          <h2>
            <FormattedMessage id="screen.people" defaultMessage="Accreditation" />
          </h2>
          <dl className="details">
            <dt>
              <FormattedMessage id="people.status" defaultMessage="Status" />
            </dt>
            <dd>
              <AccreditationStatusBadge status={acc.status} />
            </dd>
            <dt>
              <FormattedMessage id="person.valid" defaultMessage="Valid" />
            </dt>
            <dd>
              {format.dateTime(acc.validFrom)} – {format.dateTime(acc.validUntil)}
            </dd>
            <dt>
              <FormattedMessage id="accreditation.venues" defaultMessage="Venues" />
            </dt>
            <dd>{acc.venues.join(', ')}</dd>
            <dt>
              <FormattedMessage id="accreditation.zones" defaultMessage="Zones" />
            </dt>
            <dd>{acc.zones.join(', ')}</dd>
            <dt>
              <FormattedMessage id="people.col.category" defaultMessage="Category" />
            </dt>
            <dd>
              <CategoryName code={acc.category} />
            </dd>
            <dt>
              <FormattedMessage id="person.dateOfBirthShort" defaultMessage="Date of birth" />
            </dt>
            <dd>{person.dateOfBirth}</dd>
            <dt>
              <FormattedMessage id="person.nationalityShort" defaultMessage="Nationality" />
            </dt>
            <dd>{person.nationality}</dd>
            <dt>
              <FormattedMessage id="person.document" defaultMessage="Document" />
            </dt>
            <dd>{person.documentNumber ?? <HiddenForRole />}</dd>
          </dl>
          {editable && (
            <div
              className="row actions"
              aria-label={formatMessage({
                id: 'person.actions',
                defaultMessage: 'Accreditation actions',
              })}
              role="group"
            >
              <button
                type="button"
                disabled={busy || editing}
                onClick={() => {
                  setNote('');
                  setActionError(undefined);
                  setEditing(true);
                }}
              >
                <FormattedMessage id="person.edit" defaultMessage="Edit…" />
              </button>
              {acc.status === 'SUBMITTED' && (
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      () => doApprove({ id: acc.id }),
                      formatMessage({
                        id: 'person.approved',
                        defaultMessage: 'Accreditation approved.',
                      }),
                    )
                  }
                >
                  <FormattedMessage id="person.approve" defaultMessage="Approve" />
                </button>
              )}
              {(acc.status === 'APPROVED' || acc.status === 'ACTIVE') && (
                <>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => setPending({ kind: 'suspend' })}
                  >
                    <FormattedMessage id="person.suspendOpen" defaultMessage="Suspend…" />
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => setPending({ kind: 'reissue' })}
                  >
                    <FormattedMessage id="person.reissueOpen" defaultMessage="Reissue card…" />
                  </button>
                </>
              )}
              {acc.status === 'SUSPENDED' && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      () => doReinstate({ id: acc.id }),
                      formatMessage({
                        id: 'person.reinstated',
                        defaultMessage: 'Accreditation reinstated.',
                      }),
                    )
                  }
                >
                  <FormattedMessage id="person.reinstate" defaultMessage="Reinstate" />
                </button>
              )}
              {acc.status !== 'REVOKED' && (
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() => setPending({ kind: 'revoke' })}
                >
                  <FormattedMessage id="person.revokeOpen" defaultMessage="Revoke…" />
                </button>
              )}
            </div>
          )}
          {note && <SuccessNote>{note}</SuccessNote>}
          <ErrorAlert error={actionError} />
        </div>
        <div className="panel">
          <h2>
            <FormattedMessage id="people.col.closedLoop" defaultMessage="Closed loop" />
          </h2>
          <dl className="details">
            <dt>
              <FormattedMessage id="users.state" defaultMessage="State" />
            </dt>
            <dd>
              <LoopStatusBadge status={person.closedLoop.status} />
            </dd>
            <dt>
              <FormattedMessage id="person.entered" defaultMessage="Entered" />
            </dt>
            <dd>{format.dateTime(person.closedLoop.enteredAt)}</dd>
            <dt>
              <FormattedMessage id="person.lastNegative" defaultMessage="Last negative test" />
            </dt>
            <dd>{health(person.closedLoop.lastNegativeTestAt)}</dd>
            <dt>
              <FormattedMessage id="person.testDue" defaultMessage="Test due by" />
            </dt>
            <dd>{health(person.closedLoop.testDueBy)}</dd>
            <dt>
              <FormattedMessage
                id="person.closeContactUntil"
                defaultMessage="Close contact until"
              />
            </dt>
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
          <h2 id="history-h">
            <FormattedMessage id="person.history" defaultMessage="History" />
          </h2>
          <ol className="timeline">
            {acc.history.map((h, i) => (
              <li key={i}>
                <strong>
                  <FormattedMessage {...ACCREDITATION_STATUS[h.status].name} />
                </strong>{' '}
                · {format.dateTime(h.at)}
                {h.by && (
                  <>
                    {' · '}
                    <FormattedMessage
                      id="person.by"
                      defaultMessage="by {who}"
                      values={{ who: h.by }}
                    />
                  </>
                )}
                {h.reason && <> · “{h.reason}”</>}
                {h.changes.length > 0 && (
                  <ul
                    className="changes"
                    aria-label={formatMessage({
                      id: 'person.changedFields',
                      defaultMessage: 'Changed fields',
                    })}
                  >
                    {h.changes.map((c) => (
                      <li key={c.field}>
                        {namesOfFields(intl, [c.field])}
                        {c.from !== null || c.to !== null ? (
                          <>
                            : {c.from ?? '—'} → {c.to ?? '—'}
                          </>
                        ) : (
                          ` ${formatMessage({ id: 'person.changed', defaultMessage: 'changed' })}`
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
          <h2 id="movements-h">
            {seesMovements
              ? formatMessage(
                  { id: 'person.movementsCount', defaultMessage: 'Movements ({count})' },
                  { count: person.movements.totalCount },
                )
              : formatMessage({ id: 'person.movements', defaultMessage: 'Movements' })}
          </h2>
          {!seesMovements && (
            <p>
              <HiddenForRole />
            </p>
          )}
          {seesMovements && person.movements.totalCount > person.movements.nodes.length && (
            <p className="hint">
              <FormattedMessage
                id="person.showing"
                defaultMessage="Showing {shown} of {total}."
                values={{
                  shown: person.movements.nodes.length,
                  total: person.movements.totalCount,
                }}
              />
            </p>
          )}
          {!seesMovements ? null : person.movements.nodes.length === 0 ? (
            <p className="muted">
              <FormattedMessage id="person.noMovements" defaultMessage="No movements recorded." />
            </p>
          ) : (
            <ol className="timeline">
              {person.movements.nodes.map((m) => (
                <li key={m.id}>
                  <span aria-hidden="true">{m.kind === 'ENTRY' ? '→ ' : '← '}</span>
                  <strong>
                    <FormattedMessage {...MOVEMENT_KIND_NAMES[m.kind]} />
                  </strong>{' '}
                  {m.location} · {format.dateTime(m.occurredAt)} ·{' '}
                  <span className="muted">{m.source}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      {pending?.kind === 'reissue' && (
        <Dialog
          title={formatMessage(
            { id: 'person.reissueTitle', defaultMessage: 'Reissue the card of {name}?' },
            { name },
          )}
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" onClick={() => setPending(null)}>
                <FormattedMessage id="person.keepCard" defaultMessage="Keep the current card" />
              </button>
              <button type="button" className="danger" onClick={() => void confirmPending()}>
                <FormattedMessage id="person.reissue" defaultMessage="Reissue card" />
              </button>
            </>
          }
        >
          <p>
            <FormattedMessage
              id="person.reissueExplained"
              defaultMessage="The printed card {card} stops working at once: every gate refuses it, also offline once its deny list is refreshed. Print the new card and hand it over."
              values={{ card: acc.cardNumber }}
            />
          </p>
        </Dialog>
      )}
      {pending && pending.kind !== 'reissue' && (
        <Dialog
          title={
            pending.kind === 'suspend'
              ? formatMessage(
                  { id: 'person.suspendTitle', defaultMessage: 'Suspend {name}' },
                  { name },
                )
              : formatMessage(
                  { id: 'person.revokeTitle', defaultMessage: 'Revoke {name}' },
                  { name },
                )
          }
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" onClick={() => setPending(null)}>
                <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
              </button>
              <button
                type="button"
                className={pending.kind === 'revoke' ? 'danger' : 'primary'}
                disabled={!reason.trim() || (pending.kind === 'revoke' && !confirmed)}
                onClick={() => void confirmPending()}
              >
                {pending.kind === 'suspend'
                  ? formatMessage({ id: 'person.suspend', defaultMessage: 'Suspend' })
                  : formatMessage({
                      id: 'person.revokeForGood',
                      defaultMessage: 'Revoke for good',
                    })}
              </button>
            </>
          }
        >
          <div className="field">
            <label htmlFor="action-reason">
              <FormattedMessage id="person.reason" defaultMessage="Reason" />
            </label>
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
              <FormattedMessage
                id="person.revokeUnderstood"
                defaultMessage="I understand that a revoked accreditation cannot be reinstated."
              />
            </label>
          )}
        </Dialog>
      )}
    </section>
  );
}

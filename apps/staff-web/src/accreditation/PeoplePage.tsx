import { useState } from 'react';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import {
  ApproveAccreditationsMutation,
  CardsPdfUrlQuery,
  OrganisationsQuery,
  SuspendAccreditationsMutation,
} from '../api/operations';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButton } from '../export/ExportButton';
import { peopleCsv } from '../export/exports';
import { AccreditationStatusBadge, LoopStatusBadge } from '../components/StatusBadge';
import type { AccreditationStatus, PeopleFilter } from '../gql/graphql';
import { DEBOUNCE_MS, useDebounced, usePeopleSearch } from './usePeopleSearch';
import { SuccessNote } from '../components/SuccessNote';

const STATUSES: AccreditationStatus[] = ['SUBMITTED', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'REVOKED'];

/** The accreditation office: find people as you type; register, import. */
export function PeoplePage({ editable }: { editable: boolean }) {
  const [search, setSearch] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [status, setStatus] = useState<AccreditationStatus | ''>('');
  const [{ data: orgs }] = useQuery({ query: OrganisationsQuery });
  const text = useDebounced(search.trim(), DEBOUNCE_MS);
  const filter: PeopleFilter = {
    ...(text ? { search: text } : {}),
    ...(organisationId ? { organisationId } : {}),
    ...(status ? { status } : {}),
  };
  const { rows, totalCount, hasNextPage, fetching, error, loadMore, reload } =
    usePeopleSearch(filter);
  // Selected accreditations (by id), for work on many people in one step.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [approval, approveMany] = useMutation(ApproveAccreditationsMutation);
  const [suspension, suspendMany] = useMutation(SuspendAccreditationsMutation);
  const [suspending, setSuspending] = useState(false);
  const [suspendReason, setSuspendReason] = useState('');
  const client = useClient();
  const [bulkError, setBulkError] = useState<CombinedError | undefined>();
  const [bulkNote, setBulkNote] = useState('');
  const [printing, setPrinting] = useState(false);

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function approveSelected() {
    setBulkError(undefined);
    setBulkNote('');
    const ids = [...selected];
    const r = await approveMany({ ids });
    if (r.error) return setBulkError(r.error);
    setBulkNote(`${ids.length} ${ids.length === 1 ? 'accreditation' : 'accreditations'} approved.`);
    setSelected(new Set());
    reload();
  }

  async function suspendSelected() {
    const reason = suspendReason.trim();
    if (!reason) return;
    setSuspending(false);
    setBulkError(undefined);
    setBulkNote('');
    const ids = [...selected];
    const r = await suspendMany({ ids, reason });
    if (r.error) return setBulkError(r.error);
    setBulkNote(
      `${ids.length} ${ids.length === 1 ? 'accreditation' : 'accreditations'} suspended: their cards admit nowhere until reinstated.`,
    );
    setSuspendReason('');
    setSelected(new Set());
    reload();
  }

  async function printSelected() {
    setBulkError(undefined);
    setBulkNote('');
    setPrinting(true);
    const r = await client
      .query(CardsPdfUrlQuery, { ids: [...selected] }, { requestPolicy: 'network-only' })
      .toPromise();
    setPrinting(false);
    if (r.error) return setBulkError(r.error);
    if (r.data) window.open(r.data.cardsPdfUrl, '_blank', 'noopener');
  }

  return (
    <section aria-labelledby="people-title">
      <div className="title-row">
        <h1 id="people-title">Accreditation</h1>
        {editable && (
          <div className="row">
            <a className="button primary" href="#/register">
              Register a person
            </a>
            <a className="button" href="#/import">
              Import CSV
            </a>
            <a className="button" href="#/organisations">
              Organisations
            </a>
          </div>
        )}
      </div>
      <div className="filters" role="search">
        <div className="field grow">
          <label htmlFor="people-search">Search people</label>
          <input
            id="people-search"
            type="search"
            placeholder="Name, card number or document number"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="people-org">Organisation</label>
          <select
            id="people-org"
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          >
            <option value="">All organisations</option>
            {orgs?.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.code})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-status">Status</label>
          <select
            id="people-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as AccreditationStatus | '')}
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <ExportButton
          label="Download CSV"
          stem="people"
          build={() => peopleCsv(client, filter)}
          disabled={!totalCount}
        />
      </div>
      <ErrorAlert error={error} />
      <p role="status" aria-live="polite">
        {fetching && rows.length === 0
          ? 'Searching…'
          : totalCount === null
            ? ''
            : `${totalCount} ${totalCount === 1 ? 'person' : 'people'} found`}
      </p>
      {editable && rows.length > 0 && (
        <div className="row bulk-actions" role="group" aria-label="Selected people">
          <span>{selected.size} selected</span>
          <button
            type="button"
            className="primary"
            disabled={selected.size === 0 || approval.fetching}
            onClick={() => void approveSelected()}
          >
            {approval.fetching ? 'Approving…' : 'Approve selected'}
          </button>
          <button
            type="button"
            disabled={selected.size === 0 || suspension.fetching}
            onClick={() => setSuspending(true)}
          >
            {suspension.fetching ? 'Suspending…' : 'Suspend selected…'}
          </button>
          <button
            type="button"
            disabled={selected.size === 0 || printing}
            onClick={() => void printSelected()}
          >
            {printing ? 'Preparing…' : 'Print cards of selected'}
          </button>
        </div>
      )}
      {suspending && (
        <Dialog
          title={`Suspend ${selected.size} ${selected.size === 1 ? 'accreditation' : 'accreditations'}?`}
          onClose={() => setSuspending(false)}
          actions={
            <>
              <button type="button" onClick={() => setSuspending(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="danger"
                disabled={!suspendReason.trim()}
                onClick={() => void suspendSelected()}
              >
                Suspend {selected.size}
              </button>
            </>
          }
        >
          <p>
            Every selected card stops admitting at once. If any of them cannot be suspended (not yet
            approved, already suspended or revoked), none is, and the cards in the way are named.
          </p>
          <div className="field">
            <label htmlFor="bulk-suspend-reason">Reason (kept in each history)</label>
            <textarea
              id="bulk-suspend-reason"
              rows={3}
              value={suspendReason}
              onChange={(e) => setSuspendReason(e.target.value)}
            />
          </div>
        </Dialog>
      )}
      {bulkNote && <SuccessNote>{bulkNote}</SuccessNote>}
      <ErrorAlert error={bulkError} />
      {rows.length > 0 && (
        <table>
          <caption className="visually-hidden">People</caption>
          <thead>
            <tr>
              {editable && (
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all shown"
                    checked={rows.length > 0 && rows.every((p) => selected.has(p.accreditation.id))}
                    onChange={(e) =>
                      setSelected(
                        e.target.checked ? new Set(rows.map((p) => p.accreditation.id)) : new Set(),
                      )
                    }
                  />
                </th>
              )}
              <th scope="col">Name</th>
              <th scope="col">Organisation</th>
              <th scope="col">Function</th>
              <th scope="col">Card</th>
              <th scope="col">Category</th>
              <th scope="col">Status</th>
              <th scope="col">Closed loop</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                {editable && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${p.givenName} ${p.familyName}`}
                      checked={selected.has(p.accreditation.id)}
                      onChange={(e) => toggle(p.accreditation.id, e.target.checked)}
                    />
                  </td>
                )}
                <td>
                  <a href={`#/person/${encodeURIComponent(p.id)}`}>
                    {p.givenName} {p.familyName}
                  </a>
                </td>
                <td>{p.organisation.name}</td>
                <td>{p.function}</td>
                <td className="mono">{p.accreditation.cardNumber}</td>
                <td>{p.accreditation.category}</td>
                <td>
                  <AccreditationStatusBadge status={p.accreditation.status} />
                </td>
                <td>
                  <LoopStatusBadge status={p.closedLoop.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasNextPage && (
        <button type="button" onClick={loadMore} disabled={fetching}>
          {fetching ? 'Loading…' : `Show more (${rows.length} of ${totalCount ?? '?'} shown)`}
        </button>
      )}
    </section>
  );
}

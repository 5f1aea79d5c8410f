import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
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
import {
  ACCREDITATION_STATUS,
  AccreditationStatusBadge,
  LoopStatusBadge,
} from '../components/StatusBadge';
import { CategoryName } from './categories';
import type { AccreditationStatus, PeopleFilter } from '../gql/graphql';
import { DEBOUNCE_MS, useDebounced, usePeopleSearch } from './usePeopleSearch';
import { SuccessNote } from '../components/SuccessNote';

const STATUSES: AccreditationStatus[] = ['SUBMITTED', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'REVOKED'];

/** The accreditation office: find people as you type; register, import. */
export function PeoplePage({ editable }: { editable: boolean }) {
  const { formatMessage } = useIntl();
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
    setBulkNote(
      formatMessage(
        {
          id: 'people.approved',
          defaultMessage:
            '{count, plural, one {# accreditation approved.} other {# accreditations approved.}}',
        },
        { count: ids.length },
      ),
    );
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
      formatMessage(
        {
          id: 'people.suspended',
          defaultMessage:
            '{count, plural, one {# accreditation suspended: its card admits nowhere until reinstated.} other {# accreditations suspended: their cards admit nowhere until reinstated.}}',
        },
        { count: ids.length },
      ),
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
        <h1 id="people-title">
          <FormattedMessage id="screen.people" defaultMessage="Accreditation" />
        </h1>
        {editable && (
          <div className="row">
            <a className="button primary" href="#/register">
              <FormattedMessage id="people.register" defaultMessage="Register a person" />
            </a>
            <a className="button" href="#/import">
              <FormattedMessage id="people.import" defaultMessage="Import CSV" />
            </a>
            <a className="button" href="#/organisations">
              <FormattedMessage id="people.organisations" defaultMessage="Organisations" />
            </a>
          </div>
        )}
      </div>
      <div className="filters" role="search">
        <div className="field grow">
          <label htmlFor="people-search">
            <FormattedMessage id="people.search" defaultMessage="Search people" />
          </label>
          <input
            id="people-search"
            type="search"
            placeholder={formatMessage({
              id: 'personPicker.placeholder',
              defaultMessage: 'Name, card number or document number',
            })}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="people-org">
            <FormattedMessage id="people.organisation" defaultMessage="Organisation" />
          </label>
          <select
            id="people-org"
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
          >
            <option value="">
              {formatMessage({
                id: 'people.allOrganisations',
                defaultMessage: 'All organisations',
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
          <label htmlFor="people-status">
            <FormattedMessage id="people.status" defaultMessage="Status" />
          </label>
          <select
            id="people-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as AccreditationStatus | '')}
          >
            <option value="">
              {formatMessage({ id: 'people.anyStatus', defaultMessage: 'Any status' })}
            </option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {formatMessage(ACCREDITATION_STATUS[s].name)}
              </option>
            ))}
          </select>
        </div>
        <ExportButton
          label={formatMessage({ id: 'export.downloadCsv', defaultMessage: 'Download CSV' })}
          stem="people"
          build={() => peopleCsv(client, filter)}
          disabled={!totalCount}
        />
      </div>
      <ErrorAlert error={error} />
      <p role="status" aria-live="polite">
        {fetching && rows.length === 0
          ? formatMessage({ id: 'common.searching', defaultMessage: 'Searching…' })
          : totalCount === null
            ? ''
            : formatMessage(
                {
                  id: 'people.found',
                  defaultMessage: '{count, plural, one {# person found} other {# people found}}',
                },
                { count: totalCount },
              )}
      </p>
      {editable && rows.length > 0 && (
        <div
          className="row bulk-actions"
          role="group"
          aria-label={formatMessage({
            id: 'people.selectedGroup',
            defaultMessage: 'Selected people',
          })}
        >
          <span>
            <FormattedMessage
              id="people.selectedCount"
              defaultMessage="{count} selected"
              values={{ count: selected.size }}
            />
          </span>
          <button
            type="button"
            className="primary"
            disabled={selected.size === 0 || approval.fetching}
            onClick={() => void approveSelected()}
          >
            {approval.fetching
              ? formatMessage({ id: 'people.approving', defaultMessage: 'Approving…' })
              : formatMessage({ id: 'people.approveSelected', defaultMessage: 'Approve selected' })}
          </button>
          <button
            type="button"
            disabled={selected.size === 0 || suspension.fetching}
            onClick={() => setSuspending(true)}
          >
            {suspension.fetching
              ? formatMessage({ id: 'people.suspending', defaultMessage: 'Suspending…' })
              : formatMessage({
                  id: 'people.suspendSelected',
                  defaultMessage: 'Suspend selected…',
                })}
          </button>
          <button
            type="button"
            disabled={selected.size === 0 || printing}
            onClick={() => void printSelected()}
          >
            {printing
              ? formatMessage({ id: 'people.preparing', defaultMessage: 'Preparing…' })
              : formatMessage({
                  id: 'people.printSelected',
                  defaultMessage: 'Print cards of selected',
                })}
          </button>
        </div>
      )}
      {suspending && (
        <Dialog
          title={formatMessage(
            {
              id: 'people.suspendTitle',
              defaultMessage:
                '{count, plural, one {Suspend # accreditation?} other {Suspend # accreditations?}}',
            },
            { count: selected.size },
          )}
          onClose={() => setSuspending(false)}
          actions={
            <>
              <button type="button" onClick={() => setSuspending(false)}>
                <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
              </button>
              <button
                type="button"
                className="danger"
                disabled={!suspendReason.trim()}
                onClick={() => void suspendSelected()}
              >
                <FormattedMessage
                  id="people.suspendCount"
                  defaultMessage="Suspend {count}"
                  values={{ count: selected.size }}
                />
              </button>
            </>
          }
        >
          <p>
            <FormattedMessage
              id="people.suspendExplained"
              defaultMessage="Every selected card stops admitting at once. If any of them cannot be suspended (not yet approved, already suspended or revoked), none is, and the cards in the way are named."
            />
          </p>
          <div className="field">
            <label htmlFor="bulk-suspend-reason">
              <FormattedMessage
                id="people.suspendReason"
                defaultMessage="Reason (kept in each history)"
              />
            </label>
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
          <caption className="visually-hidden">
            <FormattedMessage id="people.caption" defaultMessage="People" />
          </caption>
          <thead>
            <tr>
              {editable && (
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={formatMessage({
                      id: 'people.selectAll',
                      defaultMessage: 'Select all shown',
                    })}
                    checked={rows.length > 0 && rows.every((p) => selected.has(p.accreditation.id))}
                    onChange={(e) =>
                      setSelected(
                        e.target.checked ? new Set(rows.map((p) => p.accreditation.id)) : new Set(),
                      )
                    }
                  />
                </th>
              )}
              <th scope="col">
                <FormattedMessage id="people.col.name" defaultMessage="Name" />
              </th>
              <th scope="col">
                <FormattedMessage id="people.organisation" defaultMessage="Organisation" />
              </th>
              <th scope="col">
                <FormattedMessage id="people.col.function" defaultMessage="Function" />
              </th>
              <th scope="col">
                <FormattedMessage id="people.col.card" defaultMessage="Card" />
              </th>
              <th scope="col">
                <FormattedMessage id="people.col.category" defaultMessage="Category" />
              </th>
              <th scope="col">
                <FormattedMessage id="people.status" defaultMessage="Status" />
              </th>
              <th scope="col">
                <FormattedMessage id="people.col.closedLoop" defaultMessage="Closed loop" />
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                {editable && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={formatMessage(
                        { id: 'people.selectOne', defaultMessage: 'Select {name}' },
                        { name: `${p.givenName} ${p.familyName}` },
                      )}
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
                <td>
                  <CategoryName code={p.accreditation.category} />
                </td>
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
          {fetching
            ? formatMessage({ id: 'common.loading', defaultMessage: 'Loading…' })
            : formatMessage(
                { id: 'common.showMore', defaultMessage: 'Show more ({shown} of {total} shown)' },
                { shown: rows.length, total: totalCount ?? '?' },
              )}
        </button>
      )}
    </section>
  );
}

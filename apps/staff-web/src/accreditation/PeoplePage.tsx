import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import { OrganisationsQuery } from '../api/operations';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButton } from '../export/ExportButton';
import { peopleCsv } from '../export/exports';
import { AccreditationStatusBadge, LoopStatusBadge } from '../components/StatusBadge';
import type { AccreditationStatus, PeopleFilter } from '../gql/graphql';
import { DEBOUNCE_MS, useDebounced, usePeopleSearch } from './usePeopleSearch';

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
  const { rows, totalCount, hasNextPage, fetching, error, loadMore } = usePeopleSearch(filter);
  const client = useClient();

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
      {rows.length > 0 && (
        <table>
          <caption className="visually-hidden">People</caption>
          <thead>
            <tr>
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

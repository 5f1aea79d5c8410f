import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { AuditTrailQuery } from '../api/operations';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime, fromLocalInput } from '../components/format';

const PAGE = 25;

interface Filters {
  personId: string;
  actor: string;
  from: string;
  to: string;
}
const NONE: Filters = { personId: '', actor: '', from: '', to: '' };

/** ADMIN: who did what to whom, newest first; filtered by person, actor and time, page by page. */
export function AuditPage() {
  const [draft, setDraft] = useState(NONE);
  const [filters, setFilters] = useState(NONE);
  // The cursors of the pages before this one: Previous pops, Next pushes.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }] = useQuery({
    query: AuditTrailQuery,
    variables: {
      personId: filters.personId.trim() || null,
      actor: filters.actor.trim() || null,
      from: filters.from ? fromLocalInput(filters.from) : null,
      to: filters.to ? fromLocalInput(filters.to) : null,
      first: PAGE,
      after,
    },
    requestPolicy: 'cache-and-network',
  });
  const trail = data?.auditTrail;

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
    setCursors([null]);
  }
  const field = (key: keyof Filters, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{label}</label>
      <input
        id={`audit-${key}`}
        type={type}
        value={draft[key]}
        autoComplete="off"
        onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
      />
    </div>
  );

  const page = cursors.length;
  const pages = trail ? Math.max(1, Math.ceil(trail.totalCount / PAGE)) : 1;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <form className="filters panel" onSubmit={apply} aria-label="Audit filters">
        {field('personId', 'Person id')}
        {field('actor', 'Actor (user id or key name)')}
        {field('from', 'From', 'datetime-local')}
        {field('to', 'Until', 'datetime-local')}
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(NONE);
            setFilters(NONE);
            setCursors([null]);
          }}
        >
          Clear
        </button>
      </form>
      <ErrorAlert error={error} />
      {fetching && !trail && <p role="status">Loading…</p>}
      {trail && (
        <>
          <p role="status">
            {trail.totalCount} entr{trail.totalCount === 1 ? 'y' : 'ies'}, newest first · page{' '}
            {page} of {pages}
          </p>
          <table>
            <caption className="visually-hidden">Audit trail entries</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Person</th>
                <th scope="col">Outcome</th>
                <th scope="col">From</th>
                <th scope="col">Service</th>
              </tr>
            </thead>
            <tbody>
              {trail.nodes.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td className="mono">{e.actor ?? 'anonymous'}</td>
                  <td className="mono">{e.action}</td>
                  <td>
                    {e.personId ? (
                      <a href={`#/person/${encodeURIComponent(e.personId)}`} className="mono">
                        {e.personId.slice(0, 8)}…
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{e.outcome}</td>
                  <td className="mono">{e.clientAddress ?? '—'}</td>
                  <td>{e.service}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row" role="group" aria-label="Pages">
            <button
              type="button"
              disabled={page === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              ← Newer
            </button>
            <button
              type="button"
              disabled={!trail.pageInfo.hasNextPage}
              onClick={() => setCursors((c) => [...c, trail.pageInfo.endCursor ?? null])}
            >
              Older →
            </button>
          </div>
        </>
      )}
    </section>
  );
}

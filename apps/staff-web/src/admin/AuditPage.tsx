import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { useQuery } from 'urql';
import { defineMessages } from '../i18n/define';
import { AuditTrailQuery } from '../api/operations';
import { ErrorAlert } from '../components/ErrorAlert';
import { fromLocalInput, useFormat } from '../components/format';

const PAGE = 25;

interface Filters {
  personId: string;
  actor: string;
  from: string;
  to: string;
}
const NONE: Filters = { personId: '', actor: '', from: '', to: '' };

const LABELS = defineMessages({
  personId: { id: 'audit.personId', defaultMessage: 'Person id' },
  actor: { id: 'audit.actorFilter', defaultMessage: 'Actor (user id or key name)' },
  from: { id: 'audit.from', defaultMessage: 'From' },
  to: { id: 'audit.until', defaultMessage: 'Until' },
});

/** ADMIN: who did what to whom, newest first; filtered by person, actor and time, page by page. */
export function AuditPage() {
  const { formatMessage } = useIntl();
  const format = useFormat();
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
  const field = (key: keyof Filters, label: MessageDescriptor, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{formatMessage(label)}</label>
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
      <h1 id="audit-title">
        <FormattedMessage id="screen.audit" defaultMessage="Audit trail" />
      </h1>
      <form
        className="filters panel"
        onSubmit={apply}
        aria-label={formatMessage({ id: 'audit.filters', defaultMessage: 'Audit filters' })}
      >
        {field('personId', LABELS.personId)}
        {field('actor', LABELS.actor)}
        {field('from', LABELS.from, 'datetime-local')}
        {field('to', LABELS.to, 'datetime-local')}
        <button type="submit" className="primary">
          <FormattedMessage id="audit.apply" defaultMessage="Apply filters" />
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(NONE);
            setFilters(NONE);
            setCursors([null]);
          }}
        >
          <FormattedMessage id="audit.clear" defaultMessage="Clear" />
        </button>
      </form>
      <ErrorAlert error={error} />
      {fetching && !trail && (
        <p role="status">
          <FormattedMessage id="common.loading" defaultMessage="Loading…" />
        </p>
      )}
      {trail && (
        <>
          <p role="status">
            <FormattedMessage
              id="audit.count"
              defaultMessage="{count, plural, one {# entry} other {# entries}}, newest first · page {page} of {pages}"
              values={{ count: trail.totalCount, page, pages }}
            />
          </p>
          <table>
            <caption className="visually-hidden">
              <FormattedMessage id="audit.caption" defaultMessage="Audit trail entries" />
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="audit.col.when" defaultMessage="When" />
                </th>
                <th scope="col">
                  <FormattedMessage id="audit.col.actor" defaultMessage="Actor" />
                </th>
                <th scope="col">
                  <FormattedMessage id="audit.col.action" defaultMessage="Action" />
                </th>
                <th scope="col">
                  <FormattedMessage id="conflicts.col.person" defaultMessage="Person" />
                </th>
                <th scope="col">
                  <FormattedMessage id="audit.col.outcome" defaultMessage="Outcome" />
                </th>
                <th scope="col">
                  <FormattedMessage id="audit.from" defaultMessage="From" />
                </th>
                <th scope="col">
                  <FormattedMessage id="audit.col.service" defaultMessage="Service" />
                </th>
              </tr>
            </thead>
            <tbody>
              {trail.nodes.map((e) => (
                <tr key={e.id}>
                  <td>{format.dateTime(e.at)}</td>
                  <td className="mono">
                    {e.actor ??
                      formatMessage({ id: 'audit.anonymous', defaultMessage: 'anonymous' })}
                  </td>
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
          <div
            className="row"
            role="group"
            aria-label={formatMessage({ id: 'common.pages', defaultMessage: 'Pages' })}
          >
            <button
              type="button"
              disabled={page === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              {'← '}
              <FormattedMessage id="audit.newer" defaultMessage="Newer" />
            </button>
            <button
              type="button"
              disabled={!trail.pageInfo.hasNextPage}
              onClick={() => setCursors((c) => [...c, trail.pageInfo.endCursor ?? null])}
            >
              <FormattedMessage id="audit.older" defaultMessage="Older" />
              {' →'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useClient, useQuery } from 'urql';
import { ConflictsQuery } from '../api/operations';
import { AreaSelect } from '../components/AreaSelect';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButton } from '../export/ExportButton';
import { deniedScansCsv } from '../export/exports';
import { ConflictsTable } from './ConflictsTable';

const PAGE = 50;
const MOST = 500;

/**
 * For supervisors: every offline scan the server decided otherwise, at every gate
 * (checkIns(conflict: true)), newest first: someone let through offline whom the
 * server would have refused, or refused whom it would have admitted.
 */
export function ConflictsPage() {
  const { formatMessage } = useIntl();
  const [areaCode, setAreaCode] = useState('');
  const [first, setFirst] = useState(PAGE);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ConflictsQuery,
    variables: { areaCode: areaCode || null, first },
    requestPolicy: 'cache-and-network',
  });
  const result = data?.checkIns;
  const client = useClient();

  return (
    <section aria-labelledby="conflicts-title">
      <h1 id="conflicts-title">
        <FormattedMessage id="conflicts.title" defaultMessage="Conflicts to review" />
      </h1>
      <p>
        <FormattedMessage
          id="conflicts.intro"
          defaultMessage="Scans decided offline by a gate where the server, once the scan reached it, decided otherwise. What the device decided is what happened at the gate: an offline admission the server refuses let someone in who should not have been."
        />
      </p>
      <div className="row">
        <AreaSelect
          id="conflicts-area"
          label={formatMessage({ id: 'common.inspectionArea', defaultMessage: 'Inspection area' })}
          emptyLabel={formatMessage({ id: 'common.allAreas', defaultMessage: 'All areas' })}
          value={areaCode}
          onChange={(code) => {
            setAreaCode(code);
            setFirst(PAGE);
          }}
        />
        <button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          <FormattedMessage id="common.refresh" defaultMessage="Refresh" />
        </button>
        <ExportButton
          label={
            areaCode
              ? formatMessage(
                  {
                    id: 'export.deniedAt',
                    defaultMessage: 'Download denied scans at {area} (CSV)',
                  },
                  { area: areaCode },
                )
              : formatMessage({
                  id: 'export.denied',
                  defaultMessage: 'Download denied scans (CSV)',
                })
          }
          stem={areaCode ? `denied-scans-${areaCode}` : 'denied-scans'}
          build={() => deniedScansCsv(client, { areaCode: areaCode || null })}
        />
      </div>
      <ErrorAlert error={error} />
      {fetching && !result && (
        <p role="status">
          <FormattedMessage id="common.loading" defaultMessage="Loading…" />
        </p>
      )}
      {result && (
        <>
          <p role="status">
            {result.totalCount === 0
              ? formatMessage({
                  id: 'conflicts.none',
                  defaultMessage: 'No conflicts: every offline decision matched the server’s.',
                })
              : formatMessage(
                  {
                    id: 'conflicts.count',
                    defaultMessage:
                      '{count, plural, one {# conflict} other {# conflicts}}{area, select, all {} other { at {area}}}, newest first.',
                  },
                  { count: result.totalCount, area: areaCode || 'all' },
                )}
          </p>
          {result.nodes.length > 0 && (
            <ConflictsTable
              rows={result.nodes}
              caption={formatMessage({
                id: 'conflicts.caption',
                defaultMessage: 'Offline decisions the server decided otherwise',
              })}
            />
          )}
          {result.pageInfo.hasNextPage && first < MOST && (
            <button type="button" onClick={() => setFirst((n) => Math.min(MOST, n + PAGE))}>
              <FormattedMessage id="common.showMoreShort" defaultMessage="Show more" />
            </button>
          )}
        </>
      )}
    </section>
  );
}

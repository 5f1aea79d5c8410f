import { useState } from 'react';
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
      <h1 id="conflicts-title">Conflicts to review</h1>
      <p>
        Scans decided offline by a gate where the server, once the scan reached it, decided
        otherwise. What the device decided is what happened at the gate: an offline admission the
        server refuses let someone in who should not have been.
      </p>
      <div className="row">
        <AreaSelect
          id="conflicts-area"
          label="Inspection area"
          emptyLabel="All areas"
          value={areaCode}
          onChange={(code) => {
            setAreaCode(code);
            setFirst(PAGE);
          }}
        />
        <button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          Refresh
        </button>
        <ExportButton
          label={
            areaCode ? `Download denied scans at ${areaCode} (CSV)` : 'Download denied scans (CSV)'
          }
          stem={areaCode ? `denied-scans-${areaCode}` : 'denied-scans'}
          build={() => deniedScansCsv(client, { areaCode: areaCode || null })}
        />
      </div>
      <ErrorAlert error={error} />
      {fetching && !result && <p role="status">Loading…</p>}
      {result && (
        <>
          <p role="status">
            {result.totalCount === 0
              ? 'No conflicts: every offline decision matched the server’s.'
              : `${result.totalCount} conflict${result.totalCount === 1 ? '' : 's'}${
                  areaCode ? ` at ${areaCode}` : ''
                }, newest first.`}
          </p>
          {result.nodes.length > 0 && (
            <ConflictsTable
              rows={result.nodes}
              caption="Offline decisions the server decided otherwise"
            />
          )}
          {result.pageInfo.hasNextPage && first < MOST && (
            <button type="button" onClick={() => setFirst((n) => Math.min(MOST, n + PAGE))}>
              Show more
            </button>
          )}
        </>
      )}
    </section>
  );
}

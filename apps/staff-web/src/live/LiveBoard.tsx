import { useEffect, useMemo, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import {
  CheckInRecordedSubscription,
  ConflictsQuery,
  DenialCountQuery,
  InspectionAreasQuery,
} from '../api/operations';
import { ConflictsTable } from '../conflicts/ConflictsTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../components/format';
import type { CheckInRecordedSubscription as Recorded } from '../gql/graphql';
import { reasonText } from '../gate/reasons';

type Event = Recorded['checkInRecorded'];
const FEED_SIZE = 50;

function startOfToday(): string {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/** Denials at an area since the start of the day, as the server counts them; `bump` refreshes it. */
function DenialCount({ areaCode, since, bump }: { areaCode: string; since: string; bump: number }) {
  const [{ data }, refetch] = useQuery({
    query: DenialCountQuery,
    variables: { areaCode, from: since },
  });
  useEffect(() => {
    if (bump > 0) refetch({ requestPolicy: 'network-only' });
  }, [bump, refetch]);
  return <>{data?.checkIns.totalCount ?? '—'}</>;
}

/** Every area's occupancy and denials today, with the check-ins as they happen. */
export function LiveBoard() {
  const since = useMemo(startOfToday, []);
  const [areas, refetchAreas] = useQuery({ query: InspectionAreasQuery });
  const [feed, setFeed] = useState<Event[]>([]);
  const [liveDenials, setLiveDenials] = useState<Record<string, number>>({});
  const [sub] = useSubscription({ query: CheckInRecordedSubscription });
  // Offline decisions the server decided otherwise; not shown to roles that may not read check-ins.
  const [conflicts, refetchConflicts] = useQuery({
    query: ConflictsQuery,
    variables: { first: 10 },
  });

  useEffect(() => {
    const event = sub.data?.checkInRecorded;
    if (!event) return;
    setFeed((f) => (f.some((e) => e.id === event.id) ? f : [event, ...f].slice(0, FEED_SIZE)));
    if (event.decision === 'DENIED') {
      setLiveDenials((d) => ({ ...d, [event.area.code]: (d[event.area.code] ?? 0) + 1 }));
    }
    refetchAreas({ requestPolicy: 'network-only' });
    if (event.conflict) refetchConflicts({ requestPolicy: 'network-only' });
  }, [sub.data, refetchAreas, refetchConflicts]);

  useEffect(() => {
    const t = window.setInterval(() => {
      refetchAreas({ requestPolicy: 'network-only' });
      refetchConflicts({ requestPolicy: 'network-only' });
    }, 15_000);
    return () => window.clearInterval(t);
  }, [refetchAreas, refetchConflicts]);

  const conflictList = conflicts.data?.checkIns;

  return (
    <section aria-labelledby="live-title">
      <h1 id="live-title">Live board</h1>
      <ErrorAlert error={areas.error} />
      <table>
        <caption>Inspection areas</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">Kind</th>
            <th scope="col">Venue / zone</th>
            <th scope="col">Inside now</th>
            <th scope="col">Denied today</th>
          </tr>
        </thead>
        <tbody>
          {areas.data?.inspectionAreas.map((a) => (
            <tr key={a.code}>
              <td>
                {a.name} <span className="mono muted">{a.code}</span>
              </td>
              <td>
                {a.kind}
                {a.closedLoop ? ' · closed loop' : ''}
              </td>
              <td>
                {a.venueCode} / {a.zone}
              </td>
              <td className="num">{a.occupancy}</td>
              <td className="num">
                <DenialCount areaCode={a.code} since={since} bump={liveDenials[a.code] ?? 0} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {conflictList && (
        <section aria-labelledby="conflicts-h">
          <h2 id="conflicts-h">Offline conflicts to review</h2>
          {conflictList.totalCount === 0 ? (
            <p className="muted">No offline decision differs from the server’s.</p>
          ) : (
            <>
              <p>
                {conflictList.totalCount} scan{conflictList.totalCount === 1 ? '' : 's'} decided
                offline where the server decided otherwise; the latest below. Supervisors review
                them all under Conflicts.
              </p>
              <ConflictsTable
                rows={conflictList.nodes}
                caption="Latest offline decisions the server decided otherwise"
              />
            </>
          )}
        </section>
      )}
      <section aria-labelledby="feed-h">
        <h2 id="feed-h">Check-ins as they happen</h2>
        {sub.error && <ErrorAlert error={sub.error} />}
        {feed.length === 0 ? (
          <p className="muted" role="status">
            Waiting for check-ins…
          </p>
        ) : (
          <ol className="feed" aria-live="polite">
            {feed.map((e) => (
              <li key={e.id} className={e.decision === 'ADMITTED' ? 'admitted' : 'denied'}>
                <span aria-hidden="true">{e.decision === 'ADMITTED' ? '✔ ' : '✖ '}</span>
                <strong>{e.decision}</strong> {e.direction} at {e.area.name} ·{' '}
                {e.person ? `${e.person.givenName} ${e.person.familyName}` : 'unknown card'} ·{' '}
                {formatDateTime(e.scannedAt)}
                {e.reasons.length > 0 && (
                  <span className="muted"> · {e.reasons.map(reasonText).join(' ')}</span>
                )}
                {e.conflict && (
                  <strong> · conflict: the device decided {e.deviceDecision} offline</strong>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}

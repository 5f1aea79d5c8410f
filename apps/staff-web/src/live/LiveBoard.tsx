import { useEffect, useMemo, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import {
  CheckInRecordedSubscription,
  DenialCountQuery,
  InspectionAreasQuery,
} from '../api/operations';
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

  useEffect(() => {
    const event = sub.data?.checkInRecorded;
    if (!event) return;
    setFeed((f) => (f.some((e) => e.id === event.id) ? f : [event, ...f].slice(0, FEED_SIZE)));
    if (event.decision === 'DENIED') {
      setLiveDenials((d) => ({ ...d, [event.area.code]: (d[event.area.code] ?? 0) + 1 }));
    }
    refetchAreas({ requestPolicy: 'network-only' });
  }, [sub.data, refetchAreas]);

  useEffect(() => {
    const t = window.setInterval(() => refetchAreas({ requestPolicy: 'network-only' }), 15_000);
    return () => window.clearInterval(t);
  }, [refetchAreas]);

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
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}

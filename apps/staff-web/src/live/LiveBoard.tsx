import { useEffect, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery, useSubscription } from 'urql';
import { AREA_KIND_NAMES, DECISION_NAMES, DIRECTION_NAMES } from '../components/vocabulary';
import {
  CheckInRecordedSubscription,
  ConflictsQuery,
  DenialCountQuery,
  InspectionAreasQuery,
} from '../api/operations';
import { ConflictsTable } from '../conflicts/ConflictsTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../components/format';
import type { CheckInRecordedSubscription as Recorded } from '../gql/graphql';
import { reasonIn } from '../gate/reasons';

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
  const intl = useIntl();
  const { formatMessage } = intl;
  const format = useFormat();
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
      <h1 id="live-title">
        <FormattedMessage id="screen.live" defaultMessage="Live board" />
      </h1>
      <ErrorAlert error={areas.error} />
      <table>
        <caption>
          <FormattedMessage id="screen.areas" defaultMessage="Inspection areas" />
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="conflicts.col.area" defaultMessage="Area" />
            </th>
            <th scope="col">
              <FormattedMessage id="areas.kind" defaultMessage="Kind" />
            </th>
            <th scope="col">
              <FormattedMessage id="live.venueZone" defaultMessage="Venue / zone" />
            </th>
            <th scope="col">
              <FormattedMessage id="areas.insideNow" defaultMessage="Inside now" />
            </th>
            <th scope="col">
              <FormattedMessage id="live.deniedToday" defaultMessage="Denied today" />
            </th>
          </tr>
        </thead>
        <tbody>
          {areas.data?.inspectionAreas.map((a) => (
            <tr key={a.code}>
              <td>
                {a.name} <span className="mono muted">{a.code}</span>
              </td>
              <td>
                <FormattedMessage {...AREA_KIND_NAMES[a.kind]} />
                {a.closedLoop
                  ? ` · ${formatMessage({ id: 'live.closedLoop', defaultMessage: 'closed loop' })}`
                  : ''}
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
          <h2 id="conflicts-h">
            <FormattedMessage id="live.conflicts" defaultMessage="Offline conflicts to review" />
          </h2>
          {conflictList.totalCount === 0 ? (
            <p className="muted">
              <FormattedMessage
                id="live.noConflicts"
                defaultMessage="No offline decision differs from the server’s."
              />
            </p>
          ) : (
            <>
              <p>
                <FormattedMessage
                  id="live.conflictCount"
                  defaultMessage="{count, plural, one {# scan} other {# scans}} decided offline where the server decided otherwise; the latest below. Supervisors review them all under Conflicts."
                  values={{ count: conflictList.totalCount }}
                />
              </p>
              <ConflictsTable
                rows={conflictList.nodes}
                caption={formatMessage({
                  id: 'live.conflictsCaption',
                  defaultMessage: 'Latest offline decisions the server decided otherwise',
                })}
              />
            </>
          )}
        </section>
      )}
      <section aria-labelledby="feed-h">
        <h2 id="feed-h">
          <FormattedMessage id="live.feed" defaultMessage="Check-ins as they happen" />
        </h2>
        {sub.error && <ErrorAlert error={sub.error} />}
        {feed.length === 0 ? (
          <p className="muted" role="status">
            <FormattedMessage id="live.waiting" defaultMessage="Waiting for check-ins…" />
          </p>
        ) : (
          <ol className="feed" aria-live="polite">
            {feed.map((e) => (
              <li key={e.id} className={e.decision === 'ADMITTED' ? 'admitted' : 'denied'}>
                <span aria-hidden="true">{e.decision === 'ADMITTED' ? '✔ ' : '✖ '}</span>
                <strong>
                  <FormattedMessage {...DECISION_NAMES[e.decision]} />
                </strong>{' '}
                <FormattedMessage
                  id="live.event"
                  defaultMessage="{direction} at {area} · {who} · {when}"
                  values={{
                    direction: formatMessage(DIRECTION_NAMES[e.direction]),
                    area: e.area.name,
                    who: e.person
                      ? `${e.person.givenName} ${e.person.familyName}`
                      : formatMessage({ id: 'live.unknownCard', defaultMessage: 'unknown card' }),
                    when: format.dateTime(e.scannedAt),
                  }}
                />
                {e.reasons.length > 0 && (
                  <span className="muted">
                    {' '}
                    · {e.reasons.map((r) => reasonIn(intl, r)).join(' ')}
                  </span>
                )}
                {e.conflict && (
                  <strong>
                    {' · '}
                    <FormattedMessage
                      id="live.conflict"
                      defaultMessage="conflict: the device decided {decision} offline"
                      values={{
                        decision: e.deviceDecision
                          ? formatMessage(DECISION_NAMES[e.deviceDecision])
                          : '—',
                      }}
                    />
                  </strong>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}

import { FormattedMessage, useIntl } from 'react-intl';
import { useFormat } from '../components/format';
import { DECISION_NAMES, DIRECTION_NAMES } from '../components/vocabulary';
import type { ConflictsQuery } from '../gql/graphql';
import { reasonIn } from '../gate/reasons';

export type ConflictRow = ConflictsQuery['checkIns']['nodes'][number];

/** Offline scans the server decided otherwise: what the device did, what the server says, and why. */
export function ConflictsTable({
  rows,
  caption,
}: {
  rows: readonly ConflictRow[];
  caption: string;
}) {
  const format = useFormat();
  const intl = useIntl();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">
            <FormattedMessage id="conflicts.col.scanned" defaultMessage="Scanned" />
          </th>
          <th scope="col">
            <FormattedMessage id="conflicts.col.area" defaultMessage="Area" />
          </th>
          <th scope="col">
            <FormattedMessage id="conflicts.col.person" defaultMessage="Person" />
          </th>
          <th scope="col">
            <FormattedMessage id="conflicts.col.direction" defaultMessage="Direction" />
          </th>
          <th scope="col">
            <FormattedMessage id="conflicts.col.device" defaultMessage="Device" />
          </th>
          <th scope="col">
            <FormattedMessage id="conflicts.col.deviceDecided" defaultMessage="Device decided" />
          </th>
          <th scope="col">
            <FormattedMessage id="conflicts.col.serverDecided" defaultMessage="Server decided" />
          </th>
          <th scope="col">
            <FormattedMessage id="conflicts.col.reasons" defaultMessage="Server’s reasons" />
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.id}>
            <td>{format.dateTime(c.scannedAt)}</td>
            <td>
              {c.area.name} <span className="mono muted">{c.area.code}</span>
            </td>
            <td>
              {c.person ? (
                `${c.person.givenName} ${c.person.familyName} (${c.person.accreditation.cardNumber})`
              ) : (
                <FormattedMessage id="common.unknownCard" defaultMessage="Unknown card" />
              )}
            </td>
            <td>
              <FormattedMessage {...DIRECTION_NAMES[c.direction]} />
            </td>
            <td className="mono">{c.deviceId ?? '—'}</td>
            <td>
              {c.deviceDecision ? <FormattedMessage {...DECISION_NAMES[c.deviceDecision]} /> : '—'}
            </td>
            <td>
              <FormattedMessage {...DECISION_NAMES[c.decision]} />
            </td>
            <td>{c.reasons.map((r) => reasonIn(intl, r)).join(' ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { formatDateTime } from '../components/format';
import type { ConflictsQuery } from '../gql/graphql';
import { reasonText } from '../gate/reasons';

export type ConflictRow = ConflictsQuery['checkIns']['nodes'][number];

/** Offline scans the server decided otherwise: what the device did, what the server says, and why. */
export function ConflictsTable({
  rows,
  caption,
}: {
  rows: readonly ConflictRow[];
  caption: string;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Scanned</th>
          <th scope="col">Area</th>
          <th scope="col">Person</th>
          <th scope="col">Direction</th>
          <th scope="col">Device</th>
          <th scope="col">Device decided</th>
          <th scope="col">Server decided</th>
          <th scope="col">Server’s reasons</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.id}>
            <td>{formatDateTime(c.scannedAt)}</td>
            <td>
              {c.area.name} <span className="mono muted">{c.area.code}</span>
            </td>
            <td>
              {c.person
                ? `${c.person.givenName} ${c.person.familyName} (${c.person.accreditation.cardNumber})`
                : 'Unknown card'}
            </td>
            <td>{c.direction}</td>
            <td className="mono">{c.deviceId ?? '—'}</td>
            <td>{c.deviceDecision ?? '—'}</td>
            <td>{c.decision}</td>
            <td>{c.reasons.map(reasonText).join(' ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

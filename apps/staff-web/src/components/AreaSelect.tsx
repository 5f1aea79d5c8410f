import { useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { InspectionAreasQuery } from '../api/operations';
import type { AreaKind } from '../gql/graphql';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  kind?: AreaKind;
  /** The empty choice's words (a filter: "All areas"). */
  emptyLabel?: string;
}

/** A select of inspection areas, optionally of one kind. */
export function AreaSelect({ id, label, value, onChange, kind, emptyLabel }: Props) {
  const [{ data, fetching }] = useQuery({ query: InspectionAreasQuery });
  const { formatMessage } = useIntl();
  const areas = (data?.inspectionAreas ?? []).filter((a) => !kind || a.kind === kind);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">
          {fetching
            ? formatMessage({ id: 'areaSelect.loading', defaultMessage: 'Loading areas…' })
            : (emptyLabel ??
              formatMessage({ id: 'areaSelect.choose', defaultMessage: 'Choose an area…' }))}
        </option>
        {areas.map((a) => (
          <option key={a.code} value={a.code}>
            {a.name} ({a.code})
          </option>
        ))}
      </select>
    </div>
  );
}

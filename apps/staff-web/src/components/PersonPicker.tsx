import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { LoopStatusName } from './StatusBadge';
import { ErrorAlert } from './ErrorAlert';
import {
  DEBOUNCE_MS,
  useDebounced,
  usePeopleSearch,
  type PersonRow,
} from '../accreditation/usePeopleSearch';

interface Props {
  label: string;
  selected: PersonRow | null;
  onSelect: (person: PersonRow | null) => void;
}

/** Finds one person by name, card or document number. */
export function PersonPicker({ label, selected, onSelect }: Props) {
  const id = useId();
  const { formatMessage } = useIntl();
  const [search, setSearch] = useState('');
  const text = useDebounced(search.trim(), DEBOUNCE_MS);
  const { rows, totalCount, fetching, error } = usePeopleSearch(
    { search: text },
    text.length > 0 && !selected,
  );

  if (selected) {
    return (
      <div className="field picked">
        <span className="label">{label}</span>
        <p>
          <strong>
            {selected.givenName} {selected.familyName}
          </strong>{' '}
          ·{' '}
          <FormattedMessage
            id="personPicker.selected"
            defaultMessage="{organisation} · card {card}"
            values={{
              organisation: selected.organisation.name,
              card: selected.accreditation.cardNumber,
            }}
          />{' '}
          · <LoopStatusName status={selected.closedLoop.status} />
        </p>
        <button type="button" onClick={() => onSelect(null)}>
          <FormattedMessage
            id="personPicker.chooseAnother"
            defaultMessage="Choose another person"
          />
        </button>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        placeholder={formatMessage({
          id: 'personPicker.placeholder',
          defaultMessage: 'Name, card number or document number',
        })}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ErrorAlert error={error} />
      {text && (
        <p role="status" className="hint">
          {fetching ? (
            <FormattedMessage id="common.searching" defaultMessage="Searching…" />
          ) : (
            <FormattedMessage
              id="common.found"
              defaultMessage="{count, plural, one {# found} other {# found}}"
              values={{ count: totalCount ?? 0 }}
            />
          )}
        </p>
      )}
      {text && rows.length > 0 && (
        <ul
          className="pick-list"
          aria-label={formatMessage({
            id: 'personPicker.matching',
            defaultMessage: 'Matching people',
          })}
        >
          {rows.slice(0, 10).map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => onSelect(p)}>
                <FormattedMessage
                  id="personPicker.select"
                  defaultMessage="Select {name} ({card}, {organisation})"
                  values={{
                    name: `${p.givenName} ${p.familyName}`,
                    card: p.accreditation.cardNumber,
                    organisation: p.organisation.code,
                  }}
                />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

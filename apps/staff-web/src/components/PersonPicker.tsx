import { useId, useState } from 'react';
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
          · {selected.organisation.name} · card {selected.accreditation.cardNumber} ·{' '}
          {selected.closedLoop.status}
        </p>
        <button type="button" onClick={() => onSelect(null)}>
          Choose another person
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
        placeholder="Name, card number or document number"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ErrorAlert error={error} />
      {text && (
        <p role="status" className="hint">
          {fetching ? 'Searching…' : `${totalCount ?? 0} found`}
        </p>
      )}
      {text && rows.length > 0 && (
        <ul className="pick-list" aria-label="Matching people">
          {rows.slice(0, 10).map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => onSelect(p)}>
                Select {p.givenName} {p.familyName} ({p.accreditation.cardNumber},{' '}
                {p.organisation.code})
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

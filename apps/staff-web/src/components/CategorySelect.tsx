import { useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { AccreditationCategoriesQuery } from '../api/operations';

interface Props {
  id: string;
  value: string;
  onChange: (code: string) => void;
  describedBy: string | undefined;
  invalid: boolean;
}

/**
 * The Games' accreditation categories as the server keeps them, shown
 * "code — name": a category is chosen, never typed.
 */
export function CategorySelect({ id, value, onChange, describedBy, invalid }: Props) {
  const [{ data }] = useQuery({ query: AccreditationCategoriesQuery });
  const { formatMessage } = useIntl();
  const categories = data?.accreditationCategories ?? [];
  // A code the list does not (yet) hold stays shown rather than silently replaced.
  const unknown = value !== '' && !categories.some((c) => c.code === value);
  return (
    <select
      id={id}
      value={value}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">
        {formatMessage({ id: 'categorySelect.choose', defaultMessage: 'Choose a category…' })}
      </option>
      {unknown && <option value={value}>{value}</option>}
      {categories.map((c) => (
        <option key={c.code} value={c.code}>
          {c.code} — {c.name}
        </option>
      ))}
    </select>
  );
}

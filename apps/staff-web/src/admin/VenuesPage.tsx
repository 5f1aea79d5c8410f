import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { UpsertVenueMutation, VenueCatalogueQuery } from '../api/operations';
import { fieldErrors } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { SuccessNote } from '../components/SuccessNote';

const EMPTY = { code: '', name: '', zones: '' };

/** The zones as typed: "1, 2 3" gives ["1", "2", "3"]. */
export function zonesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((z) => z.trim())
    .filter(Boolean);
}

/**
 * ADMIN: the venue catalogue. Cards, registrations and imports may name only its
 * venues and zones (or *); a venue is added or changed here, never removed, since
 * printed cards name venues by their place in the catalogue.
 */
export function VenuesPage() {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: VenueCatalogueQuery,
    requestPolicy: 'cache-and-network',
  });
  const [saved, save] = useMutation(UpsertVenueMutation);
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState('');
  const problems = fieldErrors(saved.error);
  const venues = data?.venues ?? [];
  const existing = venues.find((v) => v.code === form.code.trim().toUpperCase());

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone('');
    const r = await save({
      input: {
        code: form.code.trim().toUpperCase(),
        name: form.name.trim(),
        zones: zonesOf(form.zones),
      },
    });
    if (r.data) {
      const v = r.data.upsertVenue;
      setDone(
        `${existing ? 'Venue changed' : 'Venue added'}: ${v.code} (${v.name}), zones ${v.zones.join(', ')}.`,
      );
      setForm(EMPTY);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  const text = (key: keyof typeof EMPTY, label: string, hint?: string) => (
    <Field id={`venue-${key}`} label={label} hint={hint} error={problems[key]}>
      {(describedBy, invalid) => (
        <input
          id={`venue-${key}`}
          value={form[key]}
          autoComplete="off"
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))}
        />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="venues-title">
      <h1 id="venues-title">Venue catalogue</h1>
      <form onSubmit={(e) => void onSubmit(e)} className="panel" aria-labelledby="venue-form-h">
        <h2 id="venue-form-h">Add or change a venue</h2>
        <div className="form-row">
          {text('code', 'Code', 'e.g. NST; an existing code changes that venue.')}
          {text('name', 'Name')}
          {text('zones', 'Zones', 'Separated by commas or spaces, e.g. 1, 2, 3.')}
        </div>
        {existing && (
          <p className="hint" role="note">
            {existing.code} exists ({existing.name}, zones {existing.zones.join(', ')}): saving
            changes it. Cards already printed keep naming it.
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={saved.fetching}>
            {saved.fetching ? 'Saving…' : existing ? 'Change venue' : 'Add venue'}
          </button>
        </div>
        {saved.error && Object.keys(problems).length === 0 && <ErrorAlert error={saved.error} />}
        {done && <SuccessNote>{done}</SuccessNote>}
      </form>
      <ErrorAlert error={error} />
      {fetching && !data && <p role="status">Loading…</p>}
      {data && (
        <table>
          <caption>
            {venues.length} venue{venues.length === 1 ? '' : 's'} in the catalogue
          </caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Zones</th>
            </tr>
          </thead>
          <tbody>
            {venues.map((v) => (
              <tr key={v.code}>
                <td className="mono">{v.code}</td>
                <td>{v.name}</td>
                <td>{v.zones.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

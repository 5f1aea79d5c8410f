import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  CreateInspectionAreaMutation,
  InspectionAreasQuery,
  VenueCatalogueQuery,
} from '../api/operations';
import { fieldErrors } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import type { AreaKind } from '../gql/graphql';
import { SuccessNote } from '../components/SuccessNote';

const KINDS: { kind: AreaKind; label: string }[] = [
  { kind: 'VENUE', label: 'Venue' },
  { kind: 'VILLAGE', label: 'Village' },
  { kind: 'ACCOMMODATION', label: 'Accommodation' },
  { kind: 'TRANSPORT', label: 'Transport' },
  { kind: 'PORT_OF_ENTRY', label: 'Port of entry' },
];
const kindLabel = (kind: AreaKind) => KINDS.find((k) => k.kind === kind)?.label ?? kind;

const EMPTY = { code: '', name: '', kind: 'VENUE' as AreaKind, venueCode: '', zone: '' };

/** ADMIN: the designated inspection areas (gates, desks) and a form to add one. */
export function AreasPage() {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: InspectionAreasQuery,
    requestPolicy: 'cache-and-network',
  });
  const [{ data: catalogue }] = useQuery({ query: VenueCatalogueQuery });
  const [created, create] = useMutation(CreateInspectionAreaMutation);
  const [form, setForm] = useState(EMPTY);
  const [closedLoop, setClosedLoop] = useState(true);
  const [done, setDone] = useState('');
  const problems = fieldErrors(created.error);
  const set = (key: keyof typeof EMPTY) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone('');
    const r = await create({
      input: {
        code: form.code.trim().toUpperCase(),
        name: form.name.trim(),
        kind: form.kind,
        venueCode: form.venueCode,
        zone: form.zone,
        closedLoop,
      },
    });
    if (r.data) {
      const a = r.data.createInspectionArea;
      setDone(`Inspection area ${a.code} (${a.name}) created.`);
      setForm(EMPTY);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  const venues = catalogue?.venues ?? [];
  const zonesOfVenue = venues.find((v) => v.code === form.venueCode)?.zones ?? [];
  // An area names a place of the venue catalogue: the venue first, then one of its zones.
  const choose = (
    key: 'venueCode' | 'zone',
    label: string,
    placeholder: string,
    options: { value: string; label: string }[],
    onChange: (value: string) => void,
  ) => (
    <Field id={`area-${key}`} label={label} error={problems[key]}>
      {(describedBy, invalid) => (
        <select
          id={`area-${key}`}
          value={form[key]}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          disabled={options.length === 0}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{placeholder}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const text = (key: 'code' | 'name', label: string, hint?: string) => (
    <Field id={`area-${key}`} label={label} hint={hint} error={problems[key]}>
      {(describedBy, invalid) => (
        <input
          id={`area-${key}`}
          value={form[key]}
          autoComplete="off"
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  );

  const areas = data?.inspectionAreas ?? [];
  return (
    <section aria-labelledby="areas-title">
      <h1 id="areas-title">Inspection areas</h1>
      <form onSubmit={(e) => void onSubmit(e)} className="panel" aria-labelledby="new-area-h">
        <h2 id="new-area-h">New inspection area</h2>
        <div className="form-row">
          {text('code', 'Code', 'Unique, e.g. NST-GATE-3; also its name in movement logs.')}
          {text('name', 'Name')}
          <div className="field">
            <label htmlFor="area-kind">Kind</label>
            <select id="area-kind" value={form.kind} onChange={(e) => set('kind')(e.target.value)}>
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          {choose(
            'venueCode',
            'Venue',
            'Choose a venue…',
            venues.map((v) => ({ value: v.code, label: `${v.code} — ${v.name}` })),
            // A zone belongs to its venue: another venue starts with no zone chosen.
            (venueCode) => setForm((f) => ({ ...f, venueCode, zone: '' })),
          )}
          {choose(
            'zone',
            'Zone',
            form.venueCode ? 'Choose a zone…' : 'Choose the venue first',
            zonesOfVenue.map((z) => ({ value: z, label: z })),
            set('zone'),
          )}
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={closedLoop}
            onChange={(e) => setClosedLoop(e.target.checked)}
          />
          Inside the closed loop (admits only people in the loop, with a test not overdue)
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={created.fetching}>
            {created.fetching ? 'Creating…' : 'Create area'}
          </button>
        </div>
        {created.error && Object.keys(problems).length === 0 && (
          <ErrorAlert error={created.error} />
        )}
        {done && <SuccessNote>{done}</SuccessNote>}
      </form>
      <ErrorAlert error={error} />
      {fetching && !data && <p role="status">Loading…</p>}
      {data && (
        <table>
          <caption>
            {areas.length} inspection area{areas.length === 1 ? '' : 's'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Venue</th>
              <th scope="col">Zone</th>
              <th scope="col">Closed loop</th>
              <th scope="col">Inside now</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.id}>
                <td className="mono">{a.code}</td>
                <td>{a.name}</td>
                <td>{kindLabel(a.kind)}</td>
                <td>{a.venueCode}</td>
                <td>{a.zone}</td>
                <td>{a.closedLoop ? 'Yes' : 'No'}</td>
                <td className="num">{a.occupancy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { defineMessages } from '../i18n/define';
import { AREA_KIND_NAMES } from '../components/vocabulary';
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

const KINDS = Object.keys(AREA_KIND_NAMES) as AreaKind[];

const LABELS = defineMessages({
  code: { id: 'organisations.code', defaultMessage: 'Code' },
  codeHint: {
    id: 'areas.codeHint',
    defaultMessage: 'Unique, e.g. NST-GATE-3; also its name in movement logs.',
  },
  name: { id: 'people.col.name', defaultMessage: 'Name' },
  venue: { id: 'areas.venue', defaultMessage: 'Venue' },
  chooseVenue: { id: 'areas.chooseVenue', defaultMessage: 'Choose a venue…' },
  zone: { id: 'areas.zone', defaultMessage: 'Zone' },
  chooseZone: { id: 'areas.chooseZone', defaultMessage: 'Choose a zone…' },
  venueFirst: { id: 'areas.venueFirst', defaultMessage: 'Choose the venue first' },
});

const EMPTY = { code: '', name: '', kind: 'VENUE' as AreaKind, venueCode: '', zone: '' };

/** ADMIN: the designated inspection areas (gates, desks) and a form to add one. */
export function AreasPage() {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: InspectionAreasQuery,
    requestPolicy: 'cache-and-network',
  });
  const { formatMessage } = useIntl();
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
      setDone(
        formatMessage(
          { id: 'areas.created', defaultMessage: 'Inspection area {code} ({name}) created.' },
          { code: a.code, name: a.name },
        ),
      );
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

  const text = (key: 'code' | 'name', label: MessageDescriptor, hint?: MessageDescriptor) => (
    <Field
      id={`area-${key}`}
      label={formatMessage(label)}
      hint={hint && formatMessage(hint)}
      error={problems[key]}
    >
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
      <h1 id="areas-title">
        <FormattedMessage id="screen.areas" defaultMessage="Inspection areas" />
      </h1>
      <form onSubmit={(e) => void onSubmit(e)} className="panel" aria-labelledby="new-area-h">
        <h2 id="new-area-h">
          <FormattedMessage id="areas.new" defaultMessage="New inspection area" />
        </h2>
        <div className="form-row">
          {text('code', LABELS.code, LABELS.codeHint)}
          {text('name', LABELS.name)}
          <div className="field">
            <label htmlFor="area-kind">
              <FormattedMessage id="areas.kind" defaultMessage="Kind" />
            </label>
            <select id="area-kind" value={form.kind} onChange={(e) => set('kind')(e.target.value)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {formatMessage(AREA_KIND_NAMES[k])}
                </option>
              ))}
            </select>
          </div>
          {choose(
            'venueCode',
            formatMessage(LABELS.venue),
            formatMessage(LABELS.chooseVenue),
            venues.map((v) => ({ value: v.code, label: `${v.code} — ${v.name}` })),
            // A zone belongs to its venue: another venue starts with no zone chosen.
            (venueCode) => setForm((f) => ({ ...f, venueCode, zone: '' })),
          )}
          {choose(
            'zone',
            formatMessage(LABELS.zone),
            formatMessage(form.venueCode ? LABELS.chooseZone : LABELS.venueFirst),
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
          <FormattedMessage
            id="areas.closedLoop"
            defaultMessage="Inside the closed loop (admits only people in the loop, with a test not overdue)"
          />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={created.fetching}>
            {created.fetching
              ? formatMessage({ id: 'areas.creating', defaultMessage: 'Creating…' })
              : formatMessage({ id: 'areas.create', defaultMessage: 'Create area' })}
          </button>
        </div>
        {created.error && Object.keys(problems).length === 0 && (
          <ErrorAlert error={created.error} />
        )}
        {done && <SuccessNote>{done}</SuccessNote>}
      </form>
      <ErrorAlert error={error} />
      {fetching && !data && (
        <p role="status">
          <FormattedMessage id="common.loading" defaultMessage="Loading…" />
        </p>
      )}
      {data && (
        <table>
          <caption>
            <FormattedMessage
              id="areas.caption"
              defaultMessage="{count, plural, one {# inspection area} other {# inspection areas}}"
              values={{ count: areas.length }}
            />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="organisations.code" defaultMessage="Code" />
              </th>
              <th scope="col">
                <FormattedMessage id="people.col.name" defaultMessage="Name" />
              </th>
              <th scope="col">
                <FormattedMessage id="areas.kind" defaultMessage="Kind" />
              </th>
              <th scope="col">
                <FormattedMessage id="areas.venue" defaultMessage="Venue" />
              </th>
              <th scope="col">
                <FormattedMessage id="areas.zone" defaultMessage="Zone" />
              </th>
              <th scope="col">
                <FormattedMessage id="people.col.closedLoop" defaultMessage="Closed loop" />
              </th>
              <th scope="col">
                <FormattedMessage id="areas.insideNow" defaultMessage="Inside now" />
              </th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.id}>
                <td className="mono">{a.code}</td>
                <td>{a.name}</td>
                <td>
                  <FormattedMessage {...AREA_KIND_NAMES[a.kind]} />
                </td>
                <td>{a.venueCode}</td>
                <td>{a.zone}</td>
                <td>
                  {a.closedLoop
                    ? formatMessage({ id: 'common.yes', defaultMessage: 'Yes' })
                    : formatMessage({ id: 'common.no', defaultMessage: 'No' })}
                </td>
                <td className="num">{a.occupancy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { UpsertVenueMutation, VenueCatalogueQuery } from '../api/operations';
import { fieldErrors } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { SuccessNote } from '../components/SuccessNote';
import { defineMessages } from '../i18n/define';

const EMPTY = { code: '', name: '', zones: '' };

const LABELS = defineMessages({
  code: { id: 'organisations.code', defaultMessage: 'Code' },
  codeHint: {
    id: 'venues.codeHint',
    defaultMessage: 'e.g. NST; an existing code changes that venue.',
  },
  name: { id: 'people.col.name', defaultMessage: 'Name' },
  zones: { id: 'accreditation.zones', defaultMessage: 'Zones' },
  zonesHint: {
    id: 'venues.zonesHint',
    defaultMessage: 'Separated by commas or spaces, e.g. 1, 2, 3.',
  },
});

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
  const intl = useIntl();
  const { formatMessage } = intl;
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
      const values = { code: v.code, name: v.name, zones: v.zones.join(', ') };
      setDone(
        existing
          ? formatMessage(
              {
                id: 'venues.changed',
                defaultMessage: 'Venue changed: {code} ({name}), zones {zones}.',
              },
              values,
            )
          : formatMessage(
              {
                id: 'venues.added',
                defaultMessage: 'Venue added: {code} ({name}), zones {zones}.',
              },
              values,
            ),
      );
      setForm(EMPTY);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  const text = (key: keyof typeof EMPTY, label: MessageDescriptor, hint?: MessageDescriptor) => (
    <Field
      id={`venue-${key}`}
      label={formatMessage(label)}
      hint={hint && formatMessage(hint)}
      error={problems[key]}
    >
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
      <h1 id="venues-title">
        <FormattedMessage id="screen.venues" defaultMessage="Venue catalogue" />
      </h1>
      <form onSubmit={(e) => void onSubmit(e)} className="panel" aria-labelledby="venue-form-h">
        <h2 id="venue-form-h">
          <FormattedMessage id="venues.form" defaultMessage="Add or change a venue" />
        </h2>
        <div className="form-row">
          {text('code', LABELS.code, LABELS.codeHint)}
          {text('name', LABELS.name)}
          {text('zones', LABELS.zones, LABELS.zonesHint)}
        </div>
        {existing && (
          <p className="hint" role="note">
            <FormattedMessage
              id="venues.exists"
              defaultMessage="{code} exists ({name}, zones {zones}): saving changes it. Cards already printed keep naming it."
              values={{
                code: existing.code,
                name: existing.name,
                zones: existing.zones.join(', '),
              }}
            />
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={saved.fetching}>
            {saved.fetching
              ? formatMessage({ id: 'common.saving', defaultMessage: 'Saving…' })
              : existing
                ? formatMessage({ id: 'venues.change', defaultMessage: 'Change venue' })
                : formatMessage({ id: 'venues.add', defaultMessage: 'Add venue' })}
          </button>
        </div>
        {saved.error && Object.keys(problems).length === 0 && <ErrorAlert error={saved.error} />}
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
              id="venues.caption"
              defaultMessage="{count, plural, one {# venue} other {# venues}} in the catalogue"
              values={{ count: venues.length }}
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
                <FormattedMessage id="accreditation.zones" defaultMessage="Zones" />
              </th>
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

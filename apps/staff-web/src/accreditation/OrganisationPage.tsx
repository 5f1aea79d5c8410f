import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { defineMessages } from '../i18n/define';
import { CreateOrganisationMutation, OrganisationsQuery } from '../api/operations';
import { errorCodes, fieldErrors } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import type { OrganisationType } from '../gql/graphql';
import { SuccessNote } from '../components/SuccessNote';

const TYPES: OrganisationType[] = [
  'NOC',
  'IF',
  'OCOG',
  'MEDIA',
  'BROADCASTER',
  'MARKETING_PARTNER',
  'WORKFORCE',
  'GOVERNMENT',
  'OTHER',
];

/** Each kind of organisation by its name. */
export const ORGANISATION_TYPE_NAMES: Record<OrganisationType, MessageDescriptor> = defineMessages({
  NOC: { id: 'organisationType.NOC', defaultMessage: 'National Olympic Committee' },
  IF: { id: 'organisationType.IF', defaultMessage: 'International federation' },
  OCOG: { id: 'organisationType.OCOG', defaultMessage: 'Organising committee' },
  MEDIA: { id: 'organisationType.MEDIA', defaultMessage: 'Media' },
  BROADCASTER: { id: 'organisationType.BROADCASTER', defaultMessage: 'Broadcaster' },
  MARKETING_PARTNER: {
    id: 'organisationType.MARKETING_PARTNER',
    defaultMessage: 'Marketing partner',
  },
  WORKFORCE: { id: 'organisationType.WORKFORCE', defaultMessage: 'Workforce' },
  GOVERNMENT: { id: 'organisationType.GOVERNMENT', defaultMessage: 'Government' },
  OTHER: { id: 'organisationType.OTHER', defaultMessage: 'Other' },
});

/** Lists organisations and creates new ones. */
export function OrganisationPage() {
  const { formatMessage } = useIntl();
  const [{ data }, refetch] = useQuery({ query: OrganisationsQuery });
  const [result, create] = useMutation(CreateOrganisationMutation);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState<OrganisationType>('NOC');
  const [country, setCountry] = useState('');
  const errors = fieldErrors(result.error);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const r = await create({
      input: {
        code: code.trim(),
        name: name.trim(),
        type,
        country: country.trim() ? country.trim().toUpperCase() : null,
      },
    });
    if (r.data) {
      setCode('');
      setName('');
      setCountry('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section aria-labelledby="org-title">
      <p>
        <a href="#/people">
          {'← '}
          <FormattedMessage id="common.backToSearch" defaultMessage="Back to search" />
        </a>
      </p>
      <h1 id="org-title">
        <FormattedMessage id="people.organisations" defaultMessage="Organisations" />
      </h1>
      <form onSubmit={(e) => void onSubmit(e)} className="panel" aria-labelledby="org-new">
        <h2 id="org-new">
          <FormattedMessage id="organisations.new" defaultMessage="Create an organisation" />
        </h2>
        <div className="form-row">
          <Field
            id="org-code"
            label={formatMessage({ id: 'organisations.code', defaultMessage: 'Code' })}
            error={errors.code}
            hint={formatMessage({
              id: 'organisations.codeHint',
              defaultMessage: 'Unique, e.g. NOC-CHN.',
            })}
          >
            {(d, invalid) => (
              <input
                id="org-code"
                value={code}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setCode(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="org-name"
            label={formatMessage({ id: 'people.col.name', defaultMessage: 'Name' })}
            error={errors.name}
          >
            {(d, invalid) => (
              <input
                id="org-name"
                value={name}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="org-type"
            label={formatMessage({ id: 'organisations.type', defaultMessage: 'Type' })}
            error={errors.type}
          >
            {(d, invalid) => (
              <select
                id="org-type"
                value={type}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setType(e.target.value as OrganisationType)}
              >
                {TYPES.map((t) => (
                  <option key={t} value={t}>
                    {formatMessage(ORGANISATION_TYPE_NAMES[t])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="org-country"
            label={formatMessage({
              id: 'organisations.countryOptional',
              defaultMessage: 'Country (optional)',
            })}
            error={errors.country}
            hint={formatMessage({ id: 'organisations.countryHint', defaultMessage: 'ISO alpha-3' })}
          >
            {(d, invalid) => (
              <input
                id="org-country"
                value={country}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setCountry(e.target.value)}
              />
            )}
          </Field>
        </div>
        {!errorCodes(result.error).includes('BAD_USER_INPUT') && (
          <ErrorAlert error={result.error} />
        )}
        {result.data && (
          <SuccessNote>
            <FormattedMessage
              id="organisations.created"
              defaultMessage="Created {name} ({code})."
              values={{
                name: result.data.createOrganisation.name,
                code: result.data.createOrganisation.code,
              }}
            />
          </SuccessNote>
        )}
        <button type="submit" className="primary" disabled={result.fetching}>
          <FormattedMessage id="organisations.create" defaultMessage="Create organisation" />
        </button>
      </form>
      <table>
        <caption>
          <FormattedMessage id="people.allOrganisations" defaultMessage="All organisations" />
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
              <FormattedMessage id="organisations.type" defaultMessage="Type" />
            </th>
            <th scope="col">
              <FormattedMessage id="organisations.country" defaultMessage="Country" />
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.organisations.map((o) => (
            <tr key={o.id}>
              <td className="mono">{o.code}</td>
              <td>{o.name}</td>
              <td>
                <FormattedMessage {...ORGANISATION_TYPE_NAMES[o.type]} />
              </td>
              <td>{o.country ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

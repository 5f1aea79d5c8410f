import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
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

/** Lists organisations and creates new ones. */
export function OrganisationPage() {
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
        <a href="#/people">← Back to search</a>
      </p>
      <h1 id="org-title">Organisations</h1>
      <form onSubmit={(e) => void onSubmit(e)} className="panel" aria-labelledby="org-new">
        <h2 id="org-new">Create an organisation</h2>
        <div className="form-row">
          <Field id="org-code" label="Code" error={errors.code} hint="Unique, e.g. NOC-CHN.">
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
          <Field id="org-name" label="Name" error={errors.name}>
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
          <Field id="org-type" label="Type" error={errors.type}>
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
                    {t}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="org-country"
            label="Country (optional)"
            error={errors.country}
            hint="ISO alpha-3"
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
            Created {result.data.createOrganisation.name} ({result.data.createOrganisation.code}).
          </SuccessNote>
        )}
        <button type="submit" className="primary" disabled={result.fetching}>
          Create organisation
        </button>
      </form>
      <table>
        <caption>All organisations</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Country</th>
          </tr>
        </thead>
        <tbody>
          {data?.organisations.map((o) => (
            <tr key={o.id}>
              <td className="mono">{o.code}</td>
              <td>{o.name}</td>
              <td>{o.type}</td>
              <td>{o.country ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  ApiKeysQuery,
  CreateApiKeyMutation,
  OrganisationsQuery,
  RevokeApiKeyMutation,
} from '../api/operations';
import { errorCodes, fieldErrors } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { formatDateTime } from '../components/format';
import type { ApiScope } from '../gql/graphql';
import { SuccessNote } from '../components/SuccessNote';

export const SCOPES: { scope: ApiScope; label: string }[] = [
  { scope: 'ACCREDITATION_READ', label: 'Read accreditations' },
  { scope: 'CHECKIN_WRITE', label: 'Check in at gates' },
  { scope: 'HEALTH_WRITE', label: 'Record test results' },
  { scope: 'MOVEMENT_READ', label: 'Read movements' },
  { scope: 'MOVEMENT_WRITE', label: 'Record movements' },
];

/** ADMIN: partner API keys; a new key's secret is shown once; revoking asks first. */
export function ApiKeysPage() {
  const [{ data, error }, refetch] = useQuery({ query: ApiKeysQuery });
  const [{ data: organisations }] = useQuery({ query: OrganisationsQuery });
  const [created, createKey] = useMutation(CreateApiKeyMutation);
  const [revoked, revokeKey] = useMutation(RevokeApiKeyMutation);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [organisationId, setOrganisationId] = useState('');
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [pending, setPending] = useState<{ id: string; name: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrors(created.error);

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    setSecret(null);
    const r = await createKey({
      input: { name: name.trim(), scopes, organisationId: organisationId || null },
    });
    if (r.data) {
      setSecret({ name: r.data.createApiKey.apiKey.name, secret: r.data.createApiKey.secret });
      setName('');
      setScopes([]);
      setOrganisationId('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function confirmRevoke() {
    if (!pending) return;
    const target = pending;
    setPending(null);
    setDone(null);
    const r = await revokeKey({ id: target.id });
    if (r.data) {
      setDone(`${target.name} is revoked: it is refused from its next request on.`);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <form onSubmit={(e) => void onCreate(e)} className="panel" aria-labelledby="keys-new">
        <h2 id="keys-new">Create an API key</h2>
        <div className="form-row">
          <Field
            id="key-name"
            label="Name"
            error={errors.name}
            hint="Who uses it, e.g. the partner."
          >
            {(d, invalid) => (
              <input
                id="key-name"
                value={name}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="key-organisation"
            label="Organisation (optional)"
            error={errors.organisationId}
            hint="A key bound to an organisation sees and writes only its people."
          >
            {(d, invalid) => (
              <select
                id="key-organisation"
                value={organisationId}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setOrganisationId(e.target.value)}
              >
                <option value="">Every organisation</option>
                {organisations?.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({o.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map(({ scope, label }) => (
            <label key={scope} className="check">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes((ss) =>
                    e.target.checked ? [...ss, scope] : ss.filter((s) => s !== scope),
                  )
                }
              />{' '}
              {label}
            </label>
          ))}
          {errors.scopes && (
            <p className="field-error">
              <span aria-hidden="true">✖ </span>
              {errors.scopes}
            </p>
          )}
        </fieldset>
        {!errorCodes(created.error).includes('BAD_USER_INPUT') && (
          <ErrorAlert error={created.error} />
        )}
        <button type="submit" className="primary" disabled={created.fetching}>
          Create API key
        </button>
      </form>
      {secret && (
        <div className="panel" role="status" aria-labelledby="key-secret-title">
          <h2 id="key-secret-title">Secret of {secret.name}</h2>
          <p>
            Copy it now and hand it to the partner: it is shown this once and cannot be shown again.
          </p>
          <p>
            <output className="mono" aria-label="Secret">
              {secret.secret}
            </output>
          </p>
          <button type="button" onClick={() => setSecret(null)}>
            I have stored it
          </button>
        </div>
      )}
      {done && <SuccessNote>{done}</SuccessNote>}
      <ErrorAlert error={revoked.error ?? error} />
      <table>
        <caption>All API keys, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scopes</th>
            <th scope="col">Organisation</th>
            <th scope="col">Created</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.apiKeys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                {k.scopes.map((s) => SCOPES.find((x) => x.scope === s)?.label ?? s).join(', ')}
              </td>
              <td>{k.organisation?.name ?? 'Every organisation'}</td>
              <td>{formatDateTime(k.createdAt)}</td>
              <td>
                <span className={`badge ${k.revokedAt ? 'status-revoked' : 'status-active'}`}>
                  {k.revokedAt ? `Revoked ${formatDateTime(k.revokedAt)}` : 'Active'}
                </span>
              </td>
              <td>
                {!k.revokedAt && (
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Revoke ${k.name}`}
                    onClick={() => setPending({ id: k.id, name: k.name })}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending && (
        <Dialog
          title={`Revoke ${pending.name}`}
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" onClick={() => setPending(null)}>
                Cancel
              </button>
              <button type="button" className="danger" onClick={() => void confirmRevoke()}>
                Revoke key
              </button>
            </>
          }
        >
          <p>
            The partner&apos;s systems using this key are refused from their next request on. A
            revoked key cannot be restored: create a new one instead.
          </p>
        </Dialog>
      )}
    </section>
  );
}

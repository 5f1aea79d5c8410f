import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { defineMessages } from '../i18n/define';
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
import { useFormat } from '../components/format';
import type { ApiScope } from '../gql/graphql';
import { SuccessNote } from '../components/SuccessNote';

/** What each scope lets a partner's system do, in the order the form offers them. */
export const SCOPE_NAMES: Record<ApiScope, MessageDescriptor> = defineMessages({
  ACCREDITATION_READ: { id: 'scope.ACCREDITATION_READ', defaultMessage: 'Read accreditations' },
  CHECKIN_WRITE: { id: 'scope.CHECKIN_WRITE', defaultMessage: 'Check in at gates' },
  HEALTH_WRITE: { id: 'scope.HEALTH_WRITE', defaultMessage: 'Record test results' },
  MOVEMENT_READ: { id: 'scope.MOVEMENT_READ', defaultMessage: 'Read movements' },
  MOVEMENT_WRITE: { id: 'scope.MOVEMENT_WRITE', defaultMessage: 'Record movements' },
});
const SCOPES = Object.keys(SCOPE_NAMES) as ApiScope[];

/** ADMIN: partner API keys; a new key's secret is shown once; revoking asks first. */
export function ApiKeysPage() {
  const intl = useIntl();
  const { formatMessage } = intl;
  const format = useFormat();
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
      setDone(
        formatMessage(
          {
            id: 'apiKeys.revoked',
            defaultMessage: '{name} is revoked: it is refused from its next request on.',
          },
          { name: target.name },
        ),
      );
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">
        <FormattedMessage id="screen.api-keys" defaultMessage="API keys" />
      </h1>
      <form onSubmit={(e) => void onCreate(e)} className="panel" aria-labelledby="keys-new">
        <h2 id="keys-new">
          <FormattedMessage id="apiKeys.new" defaultMessage="Create an API key" />
        </h2>
        <div className="form-row">
          <Field
            id="key-name"
            label={formatMessage({ id: 'people.col.name', defaultMessage: 'Name' })}
            error={errors.name}
            hint={formatMessage({
              id: 'apiKeys.nameHint',
              defaultMessage: 'Who uses it, e.g. the partner.',
            })}
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
            label={formatMessage({
              id: 'users.organisation',
              defaultMessage: 'Organisation (optional)',
            })}
            error={errors.organisationId}
            hint={formatMessage({
              id: 'apiKeys.organisationHint',
              defaultMessage: 'A key bound to an organisation sees and writes only its people.',
            })}
          >
            {(d, invalid) => (
              <select
                id="key-organisation"
                value={organisationId}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setOrganisationId(e.target.value)}
              >
                <option value="">
                  {formatMessage({
                    id: 'apiKeys.everyOrganisation',
                    defaultMessage: 'Every organisation',
                  })}
                </option>
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
          <legend>
            <FormattedMessage id="apiKeys.scopes" defaultMessage="Scopes" />
          </legend>
          {SCOPES.map((scope) => (
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
              <FormattedMessage {...SCOPE_NAMES[scope]} />
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
          <FormattedMessage id="apiKeys.create" defaultMessage="Create API key" />
        </button>
      </form>
      {secret && (
        <div className="panel" role="status" aria-labelledby="key-secret-title">
          <h2 id="key-secret-title">
            <FormattedMessage
              id="apiKeys.secretOf"
              defaultMessage="Secret of {name}"
              values={{ name: secret.name }}
            />
          </h2>
          <p>
            <FormattedMessage
              id="apiKeys.secretOnce"
              defaultMessage="Copy it now and hand it to the partner: it is shown this once and cannot be shown again."
            />
          </p>
          <p>
            <output
              className="mono"
              aria-label={formatMessage({ id: 'apiKeys.secret', defaultMessage: 'Secret' })}
            >
              {secret.secret}
            </output>
          </p>
          <button type="button" onClick={() => setSecret(null)}>
            <FormattedMessage id="apiKeys.stored" defaultMessage="I have stored it" />
          </button>
        </div>
      )}
      {done && <SuccessNote>{done}</SuccessNote>}
      <ErrorAlert error={revoked.error ?? error} />
      <table>
        <caption>
          <FormattedMessage id="apiKeys.caption" defaultMessage="All API keys, newest first" />
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="people.col.name" defaultMessage="Name" />
            </th>
            <th scope="col">
              <FormattedMessage id="apiKeys.scopes" defaultMessage="Scopes" />
            </th>
            <th scope="col">
              <FormattedMessage id="people.organisation" defaultMessage="Organisation" />
            </th>
            <th scope="col">
              <FormattedMessage id="apiKeys.created" defaultMessage="Created" />
            </th>
            <th scope="col">
              <FormattedMessage id="users.state" defaultMessage="State" />
            </th>
            <th scope="col">
              <span className="visually-hidden">
                <FormattedMessage id="audit.col.action" defaultMessage="Action" />
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {data?.apiKeys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>{format.list(k.scopes.map((s) => formatMessage(SCOPE_NAMES[s])))}</td>
              <td>
                {k.organisation?.name ??
                  formatMessage({
                    id: 'apiKeys.everyOrganisation',
                    defaultMessage: 'Every organisation',
                  })}
              </td>
              <td>{format.dateTime(k.createdAt)}</td>
              <td>
                <span className={`badge ${k.revokedAt ? 'status-revoked' : 'status-active'}`}>
                  {k.revokedAt
                    ? formatMessage(
                        { id: 'apiKeys.revokedAt', defaultMessage: 'Revoked {when}' },
                        { when: format.dateTime(k.revokedAt) },
                      )
                    : formatMessage({ id: 'users.stateActive', defaultMessage: 'Active' })}
                </span>
              </td>
              <td>
                {!k.revokedAt && (
                  <button
                    type="button"
                    className="danger"
                    aria-label={formatMessage(
                      { id: 'apiKeys.revokeOne', defaultMessage: 'Revoke {name}' },
                      { name: k.name },
                    )}
                    onClick={() => setPending({ id: k.id, name: k.name })}
                  >
                    <FormattedMessage id="apiKeys.revoke" defaultMessage="Revoke" />
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending && (
        <Dialog
          title={formatMessage(
            { id: 'apiKeys.revokeOne', defaultMessage: 'Revoke {name}' },
            { name: pending.name },
          )}
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" onClick={() => setPending(null)}>
                <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
              </button>
              <button type="button" className="danger" onClick={() => void confirmRevoke()}>
                <FormattedMessage id="apiKeys.revokeKey" defaultMessage="Revoke key" />
              </button>
            </>
          }
        >
          <p>
            <FormattedMessage
              id="apiKeys.revokeExplained"
              defaultMessage="The partner’s systems using this key are refused from their next request on. A revoked key cannot be restored: create a new one instead."
            />
          </p>
        </Dialog>
      )}
    </section>
  );
}

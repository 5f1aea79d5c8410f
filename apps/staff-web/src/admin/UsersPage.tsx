import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { ROLE_NAMES } from '../nav/roles';
import {
  CreateUserMutation,
  DisableUserMutation,
  EnableUserMutation,
  MeQuery,
  OrganisationsQuery,
  UsersQuery,
} from '../api/operations';
import { errorCodes, fieldErrors } from '../api/errors';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { useFormat } from '../components/format';
import type { Role } from '../gql/graphql';
import { SuccessNote } from '../components/SuccessNote';

/** The roles in the order the form offers them. */
export const ROLES = Object.keys(ROLE_NAMES) as Role[];

const PAGE_SIZE = 50;

interface Pending {
  id: string;
  email: string;
  disable: boolean;
}

/** ADMIN: every user, a new user with roles, and disabling or enabling one (confirmed). */
export function UsersPage() {
  // The cursors of the pages before this one, so "Previous page" can go back.
  const intl = useIntl();
  const format = useFormat();
  const { formatMessage } = intl;
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }, refetch] = useQuery({
    query: UsersQuery,
    variables: { first: PAGE_SIZE, after },
  });
  const [{ data: organisations }] = useQuery({ query: OrganisationsQuery });
  const [{ data: me }] = useQuery({ query: MeQuery });
  const [created, createUser] = useMutation(CreateUserMutation);
  const [disabled, disableUser] = useMutation(DisableUserMutation);
  const [enabled, enableUser] = useMutation(EnableUserMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [organisationId, setOrganisationId] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrors(created.error);
  const changeError = disabled.error ?? enabled.error;

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const r = await createUser({
      input: { email: email.trim(), password, roles, organisationId: organisationId || null },
    });
    if (r.data) {
      setDone(
        formatMessage(
          { id: 'users.created', defaultMessage: 'Created {email}.' },
          { email: r.data.createUser.email },
        ),
      );
      setEmail('');
      setPassword('');
      setRoles([]);
      setOrganisationId('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function confirm() {
    if (!pending) return;
    const target = pending;
    setPending(null);
    setDone(null);
    const r = target.disable
      ? await disableUser({ id: target.id })
      : await enableUser({ id: target.id });
    if (!r.error) {
      setDone(
        target.disable
          ? formatMessage(
              {
                id: 'users.disabled',
                defaultMessage: '{email} is disabled: every session of theirs has ended.',
              },
              { email: target.email },
            )
          : formatMessage(
              { id: 'users.enabled', defaultMessage: '{email} is enabled and may sign in again.' },
              { email: target.email },
            ),
      );
      refetch({ requestPolicy: 'network-only' });
    }
  }

  const toggleRole = (role: Role, on: boolean) =>
    setRoles((rs) => (on ? [...rs, role] : rs.filter((r) => r !== role)));

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">
        <FormattedMessage id="screen.users" defaultMessage="Users" />
      </h1>
      <form onSubmit={(e) => void onCreate(e)} className="panel" aria-labelledby="users-new">
        <h2 id="users-new">
          <FormattedMessage id="users.new" defaultMessage="Create a user" />
        </h2>
        <div className="form-row">
          <Field
            id="user-email"
            label={formatMessage({ id: 'login.email', defaultMessage: 'Email' })}
            error={errors.email}
          >
            {(d, invalid) => (
              <input
                id="user-email"
                type="email"
                autoComplete="off"
                value={email}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="user-password"
            label={formatMessage({ id: 'users.password', defaultMessage: 'Initial password' })}
            error={errors.password}
            hint={formatMessage({
              id: 'users.passwordHint',
              defaultMessage: 'At least 12 characters; give it to the user in person.',
            })}
          >
            {(d, invalid) => (
              <input
                id="user-password"
                type="password"
                autoComplete="new-password"
                value={password}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="user-organisation"
            label={formatMessage({
              id: 'users.organisation',
              defaultMessage: 'Organisation (optional)',
            })}
            error={errors.organisationId}
          >
            {(d, invalid) => (
              <select
                id="user-organisation"
                value={organisationId}
                aria-describedby={d}
                aria-invalid={invalid}
                onChange={(e) => setOrganisationId(e.target.value)}
              >
                <option value="">
                  {formatMessage({ id: 'users.noOrganisation', defaultMessage: 'None' })}
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
        <fieldset aria-describedby={errors.roles ? 'user-roles-error' : undefined}>
          <legend>
            <FormattedMessage id="users.roles" defaultMessage="Roles" />
          </legend>
          {ROLES.map((role) => (
            <label key={role} className="check">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(e) => toggleRole(role, e.target.checked)}
              />{' '}
              <FormattedMessage {...ROLE_NAMES[role]} />
            </label>
          ))}
          {errors.roles && (
            <p id="user-roles-error" className="field-error">
              <span aria-hidden="true">✖ </span>
              {errors.roles}
            </p>
          )}
        </fieldset>
        {!errorCodes(created.error).includes('BAD_USER_INPUT') && (
          <ErrorAlert error={created.error} />
        )}
        <button type="submit" className="primary" disabled={created.fetching}>
          <FormattedMessage id="users.create" defaultMessage="Create user" />
        </button>
      </form>
      {done && <SuccessNote>{done}</SuccessNote>}
      <ErrorAlert error={changeError ?? error} />
      <p className="muted">
        <FormattedMessage
          id="users.rolesNote"
          defaultMessage="Roles are set when a user is created. A role change made by an operator in the database takes effect on the user’s next request."
        />
      </p>
      <table>
        <caption>
          {data
            ? formatMessage(
                { id: 'users.captionCount', defaultMessage: 'All users ({count})' },
                { count: data.users.totalCount },
              )
            : formatMessage({ id: 'users.caption', defaultMessage: 'All users' })}
          {fetching
            ? ` — ${formatMessage({ id: 'users.loading', defaultMessage: 'loading…' })}`
            : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="login.email" defaultMessage="Email" />
            </th>
            <th scope="col">
              <FormattedMessage id="users.roles" defaultMessage="Roles" />
            </th>
            <th scope="col">
              <FormattedMessage id="people.organisation" defaultMessage="Organisation" />
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
          {data?.users.nodes.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{format.list(u.roles.map((r) => formatMessage(ROLE_NAMES[r])))}</td>
              <td>{u.organisation?.name ?? '—'}</td>
              <td>
                <span className={`badge ${u.disabled ? 'status-revoked' : 'status-active'}`}>
                  {u.disabled
                    ? formatMessage({ id: 'users.stateDisabled', defaultMessage: 'Disabled' })
                    : formatMessage({ id: 'users.stateActive', defaultMessage: 'Active' })}
                </span>
              </td>
              <td>
                {/* Nobody disables their own account (the API refuses it too). */}
                {u.id !== me?.me?.id && (
                  <button
                    type="button"
                    className={u.disabled ? undefined : 'danger'}
                    aria-label={
                      u.disabled
                        ? formatMessage(
                            { id: 'users.enableOne', defaultMessage: 'Enable {email}' },
                            { email: u.email },
                          )
                        : formatMessage(
                            { id: 'users.disableOne', defaultMessage: 'Disable {email}' },
                            { email: u.email },
                          )
                    }
                    onClick={() => setPending({ id: u.id, email: u.email, disable: !u.disabled })}
                  >
                    {u.disabled
                      ? formatMessage({ id: 'users.enable', defaultMessage: 'Enable' })
                      : formatMessage({ id: 'users.disable', defaultMessage: 'Disable' })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button
          type="button"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((cs) => cs.slice(0, -1))}
        >
          <FormattedMessage id="common.previousPage" defaultMessage="Previous page" />
        </button>
        <button
          type="button"
          disabled={!data?.users.pageInfo.hasNextPage}
          onClick={() => {
            const next = data?.users.pageInfo.endCursor;
            if (next) setCursors((cs) => [...cs, next]);
          }}
        >
          <FormattedMessage id="common.nextPage" defaultMessage="Next page" />
        </button>
      </div>
      {pending && (
        <Dialog
          title={
            pending.disable
              ? formatMessage(
                  { id: 'users.disableOne', defaultMessage: 'Disable {email}' },
                  { email: pending.email },
                )
              : formatMessage(
                  { id: 'users.enableOne', defaultMessage: 'Enable {email}' },
                  { email: pending.email },
                )
          }
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" onClick={() => setPending(null)}>
                <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
              </button>
              <button
                type="button"
                className={pending.disable ? 'danger' : 'primary'}
                onClick={() => void confirm()}
              >
                {pending.disable
                  ? formatMessage({ id: 'users.disableUser', defaultMessage: 'Disable user' })
                  : formatMessage({ id: 'users.enableUser', defaultMessage: 'Enable user' })}
              </button>
            </>
          }
        >
          <p>
            {pending.disable
              ? formatMessage({
                  id: 'users.disableExplained',
                  defaultMessage:
                    'Every session of this user ends at once, on every screen and service, and they cannot sign in until enabled again.',
                })
              : formatMessage({
                  id: 'users.enableExplained',
                  defaultMessage:
                    'The user may sign in again. Sessions ended by the disable stay ended.',
                })}
          </p>
        </Dialog>
      )}
    </section>
  );
}

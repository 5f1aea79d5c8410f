import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { defineMessages } from '../i18n/define';
import { AccreditationStatusName } from '../components/StatusBadge';
import { OrganisationsQuery, RegisterPersonMutation } from '../api/operations';
import { errorCodes, fieldErrors } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { CategorySelect } from '../components/CategorySelect';
import { Field } from '../components/Field';
import { fromLocalInput, splitCodes } from '../components/format';
import type { RegisterPersonInput } from '../gql/graphql';
import { SuccessNote } from '../components/SuccessNote';

interface FormState {
  organisationId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nationality: string;
  function: string;
  documentNumber: string;
  category: string;
  venues: string;
  zones: string;
  validFrom: string;
  validUntil: string;
}

const EMPTY: FormState = {
  organisationId: '',
  givenName: '',
  familyName: '',
  dateOfBirth: '',
  nationality: '',
  function: '',
  documentNumber: '',
  category: '',
  venues: '',
  zones: '',
  validFrom: '',
  validUntil: '',
};

type Key = keyof FormState;

/**
 * What the next person of a delegation most likely shares with the one just
 * registered: kept after a registration, everything else cleared.
 */
const KEPT_FOR_NEXT: readonly Key[] = ['organisationId', 'category', 'validFrom', 'validUntil'];

export function formForNext(f: FormState): FormState {
  const next = { ...EMPTY };
  for (const k of KEPT_FOR_NEXT) next[k] = f[k];
  return next;
}

/** Input paths as the server names them in extensions.fields. */
const PATH: Record<Key, string> = {
  organisationId: 'organisationId',
  givenName: 'givenName',
  familyName: 'familyName',
  dateOfBirth: 'dateOfBirth',
  nationality: 'nationality',
  function: 'function',
  documentNumber: 'documentNumber',
  category: 'accreditation.category',
  venues: 'accreditation.venues',
  zones: 'accreditation.zones',
  validFrom: 'accreditation.validFrom',
  validUntil: 'accreditation.validUntil',
};

const LABEL: Record<Key, MessageDescriptor> = defineMessages({
  organisationId: { id: 'people.organisation', defaultMessage: 'Organisation' },
  givenName: { id: 'person.givenName', defaultMessage: 'Given name' },
  familyName: { id: 'person.familyName', defaultMessage: 'Family name' },
  dateOfBirth: { id: 'person.dateOfBirth', defaultMessage: 'Date of birth' },
  nationality: { id: 'person.nationality', defaultMessage: 'Nationality (ISO 3166 alpha-3)' },
  function: { id: 'people.col.function', defaultMessage: 'Function' },
  documentNumber: { id: 'person.documentNumber', defaultMessage: 'Passport or ID number' },
  category: { id: 'people.col.category', defaultMessage: 'Category' },
  venues: { id: 'accreditation.venues', defaultMessage: 'Venues' },
  zones: { id: 'accreditation.zones', defaultMessage: 'Zones' },
  validFrom: { id: 'accreditation.validFrom', defaultMessage: 'Valid from' },
  validUntil: { id: 'accreditation.validUntil', defaultMessage: 'Valid until' },
});

const HINT = defineMessages({
  nationality: {
    id: 'register.hint.nationality',
    defaultMessage: 'Three letters, e.g. CHN, NOR, USA.',
  },
  function: {
    id: 'register.hint.function',
    defaultMessage: 'e.g. Athlete, Coach, Journalist, Driver.',
  },
  category: { id: 'register.hint.category', defaultMessage: 'e.g. Aa, Ao, E, TF.' },
  venues: {
    id: 'register.hint.venues',
    defaultMessage: 'Venue codes separated by commas or semicolons; * for all.',
  },
  zones: {
    id: 'register.hint.zones',
    defaultMessage: 'Zone codes separated by commas or semicolons; * for all.',
  },
});

export function toRegisterInput(f: FormState): RegisterPersonInput {
  return {
    organisationId: f.organisationId,
    givenName: f.givenName.trim(),
    familyName: f.familyName.trim(),
    dateOfBirth: f.dateOfBirth,
    nationality: f.nationality.trim().toUpperCase(),
    function: f.function.trim(),
    documentNumber: f.documentNumber.trim(),
    accreditation: {
      category: f.category.trim(),
      venues: splitCodes(f.venues),
      zones: splitCodes(f.zones),
      validFrom: fromLocalInput(f.validFrom) || f.validFrom,
      validUntil: fromLocalInput(f.validUntil) || f.validUntil,
    },
  };
}

/** Registers one person with their accreditation; the server's field problems show by each field. */
export function RegisterPage() {
  const { formatMessage } = useIntl();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [{ data: orgs }] = useQuery({ query: OrganisationsQuery });
  const [result, register] = useMutation(RegisterPersonMutation);
  const [missing, setMissing] = useState<Partial<Record<Key, string>>>({});

  const serverErrors = fieldErrors(result.error);
  const known = new Set(Object.values(PATH));
  const otherErrors = Object.entries(serverErrors).filter(([path]) => !known.has(path));
  const errorFor = (k: Key) => missing[k] ?? serverErrors[PATH[k]];

  function set(k: Key, value: string) {
    setForm((f) => ({ ...f, [k]: value }));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: Partial<Record<Key, string>> = {};
    for (const k of Object.keys(EMPTY) as Key[]) {
      if (!form[k].trim())
        problems[k] = formatMessage(
          { id: 'form.required', defaultMessage: '{field} is required.' },
          { field: formatMessage(LABEL[k]) },
        );
    }
    setMissing(problems);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`reg-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    const r = await register({ input: toRegisterInput(form) });
    if (r.data) {
      setForm(formForNext(form));
      document.getElementById('reg-givenName')?.focus();
    } else {
      const first = (Object.keys(PATH) as Key[]).find((k) => fieldErrors(r.error)[PATH[k]]);
      if (first) document.getElementById(`reg-${first}`)?.focus();
    }
  }

  function input(k: Key, type = 'text', hint?: MessageDescriptor) {
    return (
      <Field
        id={`reg-${k}`}
        label={formatMessage(LABEL[k])}
        error={errorFor(k)}
        hint={hint && formatMessage(hint)}
      >
        {(describedBy, invalid) => (
          <input
            id={`reg-${k}`}
            type={type}
            value={form[k]}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => set(k, e.target.value)}
          />
        )}
      </Field>
    );
  }

  const created = result.data?.registerPerson;
  const isBadInput = errorCodes(result.error).includes('BAD_USER_INPUT');
  return (
    <section aria-labelledby="register-title">
      <p>
        <a href="#/people">
          {'← '}
          <FormattedMessage id="common.backToSearch" defaultMessage="Back to search" />
        </a>
      </p>
      <h1 id="register-title">
        <FormattedMessage id="people.register" defaultMessage="Register a person" />
      </h1>
      {created && (
        <SuccessNote>
          <FormattedMessage
            id="register.done"
            defaultMessage="Registered <link>{name}</link> with card {card} ({status})."
            values={{
              name: `${created.givenName} ${created.familyName}`,
              card: created.accreditation.cardNumber,
              status: <AccreditationStatusName status={created.accreditation.status} />,
              link: (chunks) => <a href={`#/person/${encodeURIComponent(created.id)}`}>{chunks}</a>,
            }}
          />{' '}
          <FormattedMessage
            id="register.kept"
            defaultMessage="The organisation, category and validity stay filled in for the next person."
          />
        </SuccessNote>
      )}
      {isBadInput ? (
        <p role="alert" className="alert alert-error">
          <span aria-hidden="true">⚠ </span>
          <FormattedMessage
            id="form.correctFields"
            defaultMessage="Some fields need correcting: see the messages by each field."
          />
          {otherErrors.map(([path, message]) => (
            <span key={path}>
              {' '}
              {path}: {message}
            </span>
          ))}
        </p>
      ) : (
        <ErrorAlert error={result.error} />
      )}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="form-grid">
        <fieldset>
          <legend>
            <FormattedMessage id="register.person" defaultMessage="Person" />
          </legend>
          <Field
            id="reg-organisationId"
            label={formatMessage(LABEL.organisationId)}
            error={errorFor('organisationId')}
          >
            {(describedBy, invalid) => (
              <select
                id="reg-organisationId"
                value={form.organisationId}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('organisationId', e.target.value)}
              >
                <option value="">
                  {formatMessage({
                    id: 'register.chooseOrganisation',
                    defaultMessage: 'Choose an organisation…',
                  })}
                </option>
                {orgs?.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} ({o.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {input('givenName')}
          {input('familyName')}
          {input('dateOfBirth', 'date')}
          {input('nationality', 'text', HINT.nationality)}
          {input('function', 'text', HINT.function)}
          {input('documentNumber')}
        </fieldset>
        <fieldset>
          <legend>
            <FormattedMessage id="screen.people" defaultMessage="Accreditation" />
          </legend>
          <Field
            id="reg-category"
            label={formatMessage(LABEL.category)}
            error={errorFor('category')}
          >
            {(describedBy, invalid) => (
              <CategorySelect
                id="reg-category"
                value={form.category}
                describedBy={describedBy}
                invalid={invalid}
                onChange={(code) => set('category', code)}
              />
            )}
          </Field>
          {input('venues', 'text', HINT.venues)}
          {input('zones', 'text', HINT.zones)}
          {input('validFrom', 'datetime-local')}
          {input('validUntil', 'datetime-local')}
        </fieldset>
        <div className="row">
          <button type="submit" className="primary" disabled={result.fetching}>
            {result.fetching
              ? formatMessage({ id: 'register.registering', defaultMessage: 'Registering…' })
              : formatMessage({ id: 'register.submit', defaultMessage: 'Register' })}
          </button>
        </div>
      </form>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape, type MessageDescriptor } from 'react-intl';
import { useMutation } from 'urql';
import { UpdatePersonMutation } from '../api/operations';
import { errorCodes, fieldErrors } from '../api/errors';
import { CategorySelect } from '../components/CategorySelect';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { fromLocalInput, splitCodes, toLocalInput } from '../components/format';
import type { UpdatePersonInput } from '../gql/graphql';
import { defineMessages } from '../i18n/define';

/** What the form starts from: the person as the person screen shows them. */
export interface EditablePerson {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nationality: string;
  function: string;
  documentNumber?: string | null;
  accreditation: {
    category: string;
    validFrom: string;
    validUntil: string;
    venues: readonly string[];
    zones: readonly string[];
  };
}

type Key =
  | 'givenName'
  | 'familyName'
  | 'dateOfBirth'
  | 'nationality'
  | 'function'
  | 'documentNumber'
  | 'category'
  | 'venues'
  | 'zones'
  | 'validFrom'
  | 'validUntil';

type FormState = Record<Key, string>;

/** Each field's label, as registration labels it. */
const FIELD_LABEL: Record<Key, MessageDescriptor> = defineMessages({
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

/** Each field as a sentence names it ("Changed given name and venues."). */
const FIELD_IN_SENTENCE: Record<Key, MessageDescriptor> = defineMessages({
  givenName: { id: 'editPerson.field.givenName', defaultMessage: 'given name' },
  familyName: { id: 'editPerson.field.familyName', defaultMessage: 'family name' },
  dateOfBirth: { id: 'editPerson.field.dateOfBirth', defaultMessage: 'date of birth' },
  nationality: { id: 'editPerson.field.nationality', defaultMessage: 'nationality' },
  function: { id: 'editPerson.field.function', defaultMessage: 'function' },
  documentNumber: {
    id: 'editPerson.field.documentNumber',
    defaultMessage: 'passport or ID number',
  },
  category: { id: 'editPerson.field.category', defaultMessage: 'category' },
  venues: { id: 'editPerson.field.venues', defaultMessage: 'venues' },
  zones: { id: 'editPerson.field.zones', defaultMessage: 'zones' },
  validFrom: { id: 'editPerson.field.validFrom', defaultMessage: 'valid from' },
  validUntil: { id: 'editPerson.field.validUntil', defaultMessage: 'valid until' },
});

const HINT = defineMessages({
  nationality: {
    id: 'register.hint.nationality',
    defaultMessage: 'Three letters, e.g. CHN, NOR, USA.',
  },
  venues: {
    id: 'register.hint.venues',
    defaultMessage: 'Venue codes separated by commas or semicolons; * for all.',
  },
  zones: {
    id: 'register.hint.zones',
    defaultMessage: 'Zone codes separated by commas or semicolons; * for all.',
  },
});

const KEYS = Object.keys(FIELD_LABEL) as Key[];

function formOf(p: EditablePerson): FormState {
  const a = p.accreditation;
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    nationality: p.nationality,
    function: p.function,
    documentNumber: p.documentNumber ?? '',
    category: a.category,
    venues: a.venues.join(', '),
    zones: a.zones.join(', '),
    validFrom: toLocalInput(new Date(a.validFrom)),
    validUntil: toLocalInput(new Date(a.validUntil)),
  };
}

/** The value sent for a field, as registration sends it. */
function valueOf(k: Key, f: FormState): string | string[] {
  if (k === 'venues' || k === 'zones') return splitCodes(f[k]);
  if (k === 'validFrom' || k === 'validUntil') return fromLocalInput(f[k]) || f[k];
  if (k === 'nationality') return f[k].trim().toUpperCase();
  return f[k].trim();
}

/** Only the fields whose value differs from where the form started. */
export function changedInput(
  personId: string,
  reason: string,
  start: FormState,
  now: FormState,
): UpdatePersonInput {
  const input: Record<string, unknown> = { personId, reason: reason.trim() };
  for (const k of KEYS) {
    if (JSON.stringify(valueOf(k, now)) !== JSON.stringify(valueOf(k, start))) {
      input[k] = valueOf(k, now);
    }
  }
  return input as unknown as UpdatePersonInput;
}

/** "given name and venues", in the reader's language; a field the client does not know by its name. */
export function namesOfFields(intl: IntlShape, fields: readonly string[]): string {
  const names = fields.map((f) =>
    f in FIELD_IN_SENTENCE ? intl.formatMessage(FIELD_IN_SENTENCE[f as Key]) : f,
  );
  return intl.formatList(names, { type: 'conjunction' });
}

/**
 * Corrects a registered person: prefilled, only what was changed is sent, with
 * the reason the history keeps; the server's problems show by each field.
 */
export function EditPersonForm({
  person,
  onSaved,
  onCancel,
}: {
  person: EditablePerson;
  /** Called with a sentence saying what changed. */
  onSaved: (note: string) => void;
  onCancel: () => void;
}) {
  const [start] = useState(() => formOf(person));
  const [form, setForm] = useState<FormState>(start);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Partial<Record<Key | 'reason', string>>>({});
  const [unchanged, setUnchanged] = useState(false);
  const [result, update] = useMutation(UpdatePersonMutation);
  const intl = useIntl();
  const { formatMessage } = intl;

  const serverErrors = fieldErrors(result.error);
  const errorFor = (k: Key | 'reason') => local[k] ?? serverErrors[k];
  const otherErrors = Object.entries(serverErrors).filter(
    ([path]) => path !== 'reason' && !(KEYS as string[]).includes(path),
  );

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: Partial<Record<Key | 'reason', string>> = {};
    for (const k of KEYS) {
      if (k !== 'documentNumber' && !form[k].trim()) {
        problems[k] = formatMessage(
          { id: 'form.required', defaultMessage: '{field} is required.' },
          { field: formatMessage(FIELD_LABEL[k]) },
        );
      }
    }
    if (!reason.trim()) {
      problems.reason = formatMessage({
        id: 'editPerson.reasonRequired',
        defaultMessage: 'Say why the change is made: the history keeps it.',
      });
    }
    const input = changedInput(person.id, reason, start, form);
    const nothing = Object.keys(input).length === 2;
    setUnchanged(nothing);
    setLocal(problems);
    const first = Object.keys(problems)[0];
    if (nothing) return;
    if (first) {
      document.getElementById(`edit-${first}`)?.focus();
      return;
    }
    const r = await update({ input });
    const done = r.data?.updatePerson;
    if (done) {
      const changed = namesOfFields(
        intl,
        done.changes.map((c) => c.field),
      );
      onSaved(
        done.cardReissued
          ? formatMessage(
              {
                id: 'editPerson.savedReissued',
                defaultMessage:
                  'Changed {fields}. A new card was issued: the old printed card no longer works; print the new one.',
              },
              { fields: changed },
            )
          : formatMessage(
              {
                id: 'editPerson.savedSameCard',
                defaultMessage: 'Changed {fields}. The card stays valid.',
              },
              { fields: changed },
            ),
      );
    } else {
      const bad = KEYS.find((k) => fieldErrors(r.error)[k]);
      if (bad) document.getElementById(`edit-${bad}`)?.focus();
    }
  }

  function input(k: Key, type = 'text', hint?: MessageDescriptor) {
    return (
      <Field
        id={`edit-${k}`}
        label={formatMessage(FIELD_LABEL[k])}
        error={errorFor(k)}
        hint={hint && formatMessage(hint)}
      >
        {(describedBy, invalid) => (
          <input
            id={`edit-${k}`}
            type={type}
            value={form[k]}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value }))}
          />
        )}
      </Field>
    );
  }

  return (
    <section className="panel" aria-labelledby="edit-person-h">
      <h2 id="edit-person-h">
        <FormattedMessage id="editPerson.title" defaultMessage="Edit person" />
      </h2>
      <p className="hint">
        <FormattedMessage
          id="editPerson.reissueWarning"
          defaultMessage="Changing the category, validity, venues or zones issues a new card: the printed one stops working."
        />
      </p>
      {unchanged && (
        <p role="alert" className="alert alert-error">
          <span aria-hidden="true">⚠ </span>
          <FormattedMessage
            id="editPerson.unchanged"
            defaultMessage="Nothing was changed: change at least one field, or cancel."
          />
        </p>
      )}
      {errorCodes(result.error).includes('BAD_USER_INPUT') ? (
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
          {input('givenName')}
          {input('familyName')}
          {input('dateOfBirth', 'date')}
          {input('nationality', 'text', HINT.nationality)}
          {input('function')}
          {input('documentNumber')}
        </fieldset>
        <fieldset>
          <legend>
            <FormattedMessage id="screen.people" defaultMessage="Accreditation" />
          </legend>
          <Field
            id="edit-category"
            label={formatMessage(FIELD_LABEL.category)}
            error={errorFor('category')}
          >
            {(describedBy, invalid) => (
              <CategorySelect
                id="edit-category"
                value={form.category}
                describedBy={describedBy}
                invalid={invalid}
                onChange={(code) => setForm((f) => ({ ...f, category: code }))}
              />
            )}
          </Field>
          {input('venues', 'text', HINT.venues)}
          {input('zones', 'text', HINT.zones)}
          {input('validFrom', 'datetime-local')}
          {input('validUntil', 'datetime-local')}
        </fieldset>
        <Field
          id="edit-reason"
          label={formatMessage({
            id: 'editPerson.reason',
            defaultMessage: 'Reason for the change',
          })}
          error={errorFor('reason')}
        >
          {(describedBy, invalid) => (
            <textarea
              id="edit-reason"
              rows={2}
              value={reason}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <button type="submit" className="primary" disabled={result.fetching}>
            {result.fetching
              ? formatMessage({ id: 'common.saving', defaultMessage: 'Saving…' })
              : formatMessage({ id: 'editPerson.save', defaultMessage: 'Save changes' })}
          </button>
          <button type="button" onClick={onCancel}>
            <FormattedMessage id="common.cancel" defaultMessage="Cancel" />
          </button>
        </div>
      </form>
    </section>
  );
}

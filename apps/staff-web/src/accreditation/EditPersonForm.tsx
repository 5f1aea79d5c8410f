import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { UpdatePersonMutation } from '../api/operations';
import { errorCodes, fieldErrors } from '../api/errors';
import { CategorySelect } from '../components/CategorySelect';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { fromLocalInput, splitCodes, toLocalInput } from '../components/format';
import type { UpdatePersonInput } from '../gql/graphql';

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

export const FIELD_LABEL: Record<Key, string> = {
  givenName: 'Given name',
  familyName: 'Family name',
  dateOfBirth: 'Date of birth',
  nationality: 'Nationality (ISO 3166 alpha-3)',
  function: 'Function',
  documentNumber: 'Passport or ID number',
  category: 'Category',
  venues: 'Venues',
  zones: 'Zones',
  validFrom: 'Valid from',
  validUntil: 'Valid until',
};

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

/** "given name and venues" */
export function namesOfFields(fields: readonly string[]): string {
  const names = fields.map((f) =>
    (FIELD_LABEL[f as Key] ?? f).replace(/ \(.*\)$/, '').toLowerCase(),
  );
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
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

  const serverErrors = fieldErrors(result.error);
  const errorFor = (k: Key | 'reason') => local[k] ?? serverErrors[k];
  const otherErrors = Object.entries(serverErrors).filter(
    ([path]) => path !== 'reason' && !(KEYS as string[]).includes(path),
  );

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: Partial<Record<Key | 'reason', string>> = {};
    for (const k of KEYS) {
      if (k !== 'documentNumber' && !form[k].trim()) problems[k] = `${FIELD_LABEL[k]} is required.`;
    }
    if (!reason.trim()) problems.reason = 'Say why the change is made: the history keeps it.';
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
      const changed = namesOfFields(done.changes.map((c) => c.field));
      onSaved(
        done.cardReissued
          ? `Changed ${changed}. A new card was issued: the old printed card no longer works; print the new one.`
          : `Changed ${changed}. The card stays valid.`,
      );
    } else {
      const bad = KEYS.find((k) => fieldErrors(r.error)[k]);
      if (bad) document.getElementById(`edit-${bad}`)?.focus();
    }
  }

  function input(k: Key, type = 'text', hint?: string) {
    return (
      <Field id={`edit-${k}`} label={FIELD_LABEL[k]} error={errorFor(k)} hint={hint}>
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
      <h2 id="edit-person-h">Edit person</h2>
      <p className="hint">
        Changing the category, validity, venues or zones issues a new card: the printed one stops
        working.
      </p>
      {unchanged && (
        <p role="alert" className="alert alert-error">
          <span aria-hidden="true">⚠ </span>
          Nothing was changed: change at least one field, or cancel.
        </p>
      )}
      {errorCodes(result.error).includes('BAD_USER_INPUT') ? (
        <p role="alert" className="alert alert-error">
          <span aria-hidden="true">⚠ </span>
          Some fields need correcting: see the messages by each field.
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
          <legend>Person</legend>
          {input('givenName')}
          {input('familyName')}
          {input('dateOfBirth', 'date')}
          {input('nationality', 'text', 'Three letters, e.g. CHN, NOR, USA.')}
          {input('function')}
          {input('documentNumber')}
        </fieldset>
        <fieldset>
          <legend>Accreditation</legend>
          <Field id="edit-category" label={FIELD_LABEL.category} error={errorFor('category')}>
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
          {input('venues', 'text', 'Venue codes separated by commas or semicolons; * for all.')}
          {input('zones', 'text', 'Zone codes separated by commas or semicolons; * for all.')}
          {input('validFrom', 'datetime-local')}
          {input('validUntil', 'datetime-local')}
        </fieldset>
        <Field id="edit-reason" label="Reason for the change" error={errorFor('reason')}>
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
            {result.fetching ? 'Saving…' : 'Save changes'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

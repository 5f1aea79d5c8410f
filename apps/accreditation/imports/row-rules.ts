import { arrayMaxSize, isUUID, length, matches } from 'class-validator';
import type { FieldProblem } from '#libs/common/errors.js';
import { COUNTRY_CODE_MESSAGE, isCountryCode, PRINTABLE } from '#libs/common/validators.js';
import { isPastDate, PAST_DATE_MESSAGE } from '#apps/accreditation/people/date.validators.js';
import {
  CATEGORY_LENGTH,
  CONTROL_CHARACTERS,
  DOCUMENT_NUMBER,
  INSTANT_MESSAGE,
  MAX_CODES,
  PERSON_TEXT_LENGTH,
  VALIDITY_ORDER,
  VENUE_CODES,
  ZONE_CODES,
} from '#apps/accreditation/people/person.rules.js';

/** One CSV row as registerPerson's input would hold it: texts, code lists, and instants (or the text that is none). */
export interface RowValues {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nationality: string;
  function: string;
  documentNumber: string;
  category: string;
  venues: string[];
  zones: string[];
  validFrom: Date | string;
  validUntil: Date | string;
}

/** The message class-validator's Length gives, for a text that fails it. */
function lengthMessage(property: string, value: string, min: number, max: number): string {
  if (!value || value.length < min)
    return `${property} must be longer than or equal to ${min} characters`;
  if (value.length > max) return `${property} must be shorter than or equal to ${max} characters`;
  return `${property} must be longer than or equal to ${min} and shorter than or equal to ${max} characters`;
}

function personText(property: string, value: string, out: FieldProblem[]): void {
  const { min, max } = PERSON_TEXT_LENGTH;
  if (!length(value, min, max))
    out.push({ field: property, message: lengthMessage(property, value, min, max) });
  if (!PRINTABLE.test(value)) out.push({ field: property, message: CONTROL_CHARACTERS });
}

function codeList(
  property: 'venues' | 'zones',
  codes: string[],
  rule: typeof VENUE_CODES | typeof ZONE_CODES,
  out: FieldProblem[],
): void {
  if (codes.length === 0) out.push({ field: property, message: rule.empty });
  if (!arrayMaxSize(codes, MAX_CODES))
    out.push({
      field: property,
      message: `${property} must contain no more than ${MAX_CODES} elements`,
    });
  if (!codes.every((code) => matches(code, rule.pattern)))
    out.push({ field: property, message: rule.message });
}

const isInstant = (value: Date | string): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

/**
 * The problems RegisterPersonInput's class-validator rules (person.rules.ts)
 * find in one import row, in the order and with the messages class-validator
 * gives them, each under its CSV column; the same rules applied as plain
 * checks, as a 100,000-row import cannot afford reflection on every row. A
 * unit test holds the two to the same answers. `pastDate` may be a memo of
 * isPastDate: a delegation's birth dates repeat.
 */
export function rowProblems(
  row: RowValues,
  pastDate: (text: string) => boolean = isPastDate,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  personText('givenName', row.givenName, out);
  personText('familyName', row.familyName, out);
  if (!pastDate(row.dateOfBirth)) out.push({ field: 'dateOfBirth', message: PAST_DATE_MESSAGE });
  if (!isCountryCode(row.nationality))
    out.push({ field: 'nationality', message: COUNTRY_CODE_MESSAGE });
  personText('function', row.function, out);
  if (!matches(row.documentNumber, DOCUMENT_NUMBER.pattern))
    out.push({ field: 'documentNumber', message: DOCUMENT_NUMBER.message });
  const { min, max } = CATEGORY_LENGTH;
  if (!length(row.category, min, max))
    out.push({ field: 'category', message: lengthMessage('category', row.category, min, max) });
  codeList('venues', row.venues, VENUE_CODES, out);
  codeList('zones', row.zones, ZONE_CODES, out);
  if (!isInstant(row.validFrom)) out.push({ field: 'validFrom', message: INSTANT_MESSAGE });
  else if (isInstant(row.validUntil) && row.validFrom.getTime() >= row.validUntil.getTime())
    out.push({ field: 'validFrom', message: VALIDITY_ORDER });
  if (!isInstant(row.validUntil)) out.push({ field: 'validUntil', message: INSTANT_MESSAGE });
  return out;
}

/** The organisation id's own rule, checked once for the whole file. */
export function organisationProblem(organisationId: string): FieldProblem | null {
  return isUUID(organisationId, 'all')
    ? null
    : { field: 'organisationId', message: 'must be an organisation id' };
}

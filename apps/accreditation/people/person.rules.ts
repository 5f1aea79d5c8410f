import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayNotEmpty, IsDate, Length, Matches } from 'class-validator';
import { IsCountryCode, PRINTABLE } from '#libs/common/validators.js';
import { IsPastDate } from '#apps/accreditation/people/date.validators.js';

/**
 * The rules a person's fields follow, wherever they are set (registerPerson,
 * updatePerson; importPeople through registerPerson's input): one place each.
 */
const NO_CONTROL = { message: 'must not contain control characters' };
export const CONTROL_CHARACTERS = NO_CONTROL.message;
export const PERSON_TEXT_LENGTH = { min: 1, max: 100 } as const;

/** A name or a function: 1 to 100 printable characters. */
export const PersonText = () =>
  applyDecorators(
    Length(PERSON_TEXT_LENGTH.min, PERSON_TEXT_LENGTH.max),
    Matches(PRINTABLE, NO_CONTROL),
  );

export const DateOfBirth = () => IsPastDate();

export const Nationality = () => IsCountryCode();

/**
 * The patterns, bounds and messages below are shared with the import's own
 * checks (`apps/accreditation/imports/row-rules.ts`), which apply them without
 * class-validator's per-object reflection.
 */
export const DOCUMENT_NUMBER = {
  pattern: /^[A-Za-z0-9<-]{3,30}$/,
  message: 'must be 3 to 30 letters, digits, < or -',
} as const;
export const DocumentNumber = () =>
  Matches(DOCUMENT_NUMBER.pattern, { message: DOCUMENT_NUMBER.message });

export const CATEGORY_LENGTH = { min: 1, max: 10 } as const;
export const CategoryCode = () => Length(CATEGORY_LENGTH.min, CATEGORY_LENGTH.max);

/** At most this many venue or zone codes on one card. */
export const MAX_CODES = 200;
export const VENUE_CODES = {
  pattern: /^(\*|[A-Z0-9][A-Z0-9-]{0,39})$/,
  empty: 'must list at least one venue code (or *)',
  message: 'each venue must be a code like NST or *',
} as const;
export const ZONE_CODES = {
  pattern: /^(\*|[A-Za-z0-9][A-Za-z0-9-]{0,39})$/,
  empty: 'must list at least one zone code (or *)',
  message: 'each zone must be a code like 1 or *',
} as const;

const codeList = (rule: typeof VENUE_CODES | typeof ZONE_CODES) =>
  applyDecorators(
    ArrayNotEmpty({ message: rule.empty }),
    ArrayMaxSize(MAX_CODES),
    Matches(rule.pattern, { each: true, message: rule.message }),
  );
export const VenueCodes = () => codeList(VENUE_CODES);
export const ZoneCodes = () => codeList(ZONE_CODES);

export const INSTANT_MESSAGE = 'must be a date and time, e.g. 2022-02-01T08:30:00Z';
export const Instant = () => IsDate({ message: INSTANT_MESSAGE });

/** A card's validity: it starts before it ends. */
export const VALIDITY_ORDER = 'must be before validUntil';

export function validityProblem(validFrom: Date, validUntil: Date): string | null {
  return validFrom.getTime() < validUntil.getTime() ? null : VALIDITY_ORDER;
}

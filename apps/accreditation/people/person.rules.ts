import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayNotEmpty, IsDate, Length, Matches } from 'class-validator';
import { IsCountryCode, PRINTABLE } from '#libs/common/validators.js';
import { IsPastDate } from '#apps/accreditation/people/date.validators.js';

/**
 * The rules a person's fields follow, wherever they are set (registerPerson,
 * updatePerson; importPeople through registerPerson's input): one place each.
 */
const NO_CONTROL = { message: 'must not contain control characters' };

/** A name or a function: 1 to 100 printable characters. */
export const PersonText = () => applyDecorators(Length(1, 100), Matches(PRINTABLE, NO_CONTROL));

export const DateOfBirth = () => IsPastDate();

export const Nationality = () => IsCountryCode();

export const DocumentNumber = () =>
  Matches(/^[A-Za-z0-9<-]{3,30}$/, { message: 'must be 3 to 30 letters, digits, < or -' });

export const CategoryCode = () => Length(1, 10);

export const VenueCodes = () =>
  applyDecorators(
    ArrayNotEmpty({ message: 'must list at least one venue code (or *)' }),
    ArrayMaxSize(200),
    Matches(/^(\*|[A-Z0-9][A-Z0-9-]{0,39})$/, {
      each: true,
      message: 'each venue must be a code like NST or *',
    }),
  );

export const ZoneCodes = () =>
  applyDecorators(
    ArrayNotEmpty({ message: 'must list at least one zone code (or *)' }),
    ArrayMaxSize(200),
    Matches(/^(\*|[A-Za-z0-9][A-Za-z0-9-]{0,39})$/, {
      each: true,
      message: 'each zone must be a code like 1 or *',
    }),
  );

export const Instant = () =>
  IsDate({ message: 'must be a date and time, e.g. 2022-02-01T08:30:00Z' });

/** A card's validity: it starts before it ends. */
export const VALIDITY_ORDER = 'must be before validUntil';

export function validityProblem(validFrom: Date, validUntil: Date): string | null {
  return validFrom.getTime() < validUntil.getTime() ? null : VALIDITY_ORDER;
}

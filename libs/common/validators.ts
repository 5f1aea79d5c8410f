import countries from 'i18n-iso-countries';
import { registerDecorator, type ValidationOptions } from 'class-validator';

const ALPHA3 = new Set(Object.keys(countries.getAlpha3Codes()));

export const COUNTRY_CODE_MESSAGE = 'must be an ISO 3166-1 alpha-3 country code, e.g. CHN';

/** True for an ISO 3166-1 alpha-3 country code, e.g. CHN (upper case, as printed on passports). */
export function isCountryCode(value: unknown): boolean {
  return typeof value === 'string' && ALPHA3.has(value);
}

export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCountryCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: COUNTRY_CODE_MESSAGE, ...options },
      validator: { validate: isCountryCode },
    });
}

/** No control characters: they have no place in names or codes and break CSV and logs. */
export const PRINTABLE = /^[^\p{Cc}]*$/u;

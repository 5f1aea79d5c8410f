import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

export const PAST_DATE_MESSAGE = 'must be a real date in the past, e.g. 1998-05-17';

/** A calendar date (YYYY-MM-DD) that is real, after 1900 and before today. */
export function isPastDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  return value >= '1900-01-01' && date.getTime() < Date.now();
}

export function IsPastDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPastDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: PAST_DATE_MESSAGE, ...options },
      validator: { validate: isPastDate },
    });
}

/** The decorated date is strictly before the named sibling date. */
export function IsBefore(property: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBefore',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [property],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          if (!(value instanceof Date) || !(other instanceof Date)) return true;
          return value.getTime() < other.getTime();
        },
      },
    });
}

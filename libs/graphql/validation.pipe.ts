import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { BadUserInputError, type FieldProblem } from '#libs/common/errors.js';

/** Flattens class-validator's tree into one problem per field, named by its path in the input. */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a text for any input: null when nothing is. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it holds a lone surrogate)';
  return null;
}

/** Any surrogate at all: a text without one (nor a NUL) has no problem, the usual case. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** True when some text anywhere in the value may have a problem; builds no paths. */
function mayHaveTextProblem(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || ANY_SURROGATE.test(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (mayHaveTextProblem(item)) return true;
    return false;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && mayHaveTextProblem((value as Record<string, unknown>)[key])) {
      return true;
    }
  }
  return false;
}

/**
 * Every text anywhere in an argument (nested inputs and lists included), checked
 * for what no column, log or CSV can hold: NUL characters and lone surrogates.
 * A batch of 5,000 events is scanned once without naming anything (no path strings,
 * no entry arrays per row); the fields are named only when some text is suspect.
 */
export function textProblems(value: unknown, path: string, found: FieldProblem[] = []) {
  if (found.length === 0 && !mayHaveTextProblem(value)) return found;
  return namedTextProblems(value, path, found);
}

function namedTextProblems(value: unknown, path: string, found: FieldProblem[]) {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    const message = textProblem(value);
    if (message) found.push({ field: path, message });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => namedTextProblems(item, `${path}[${i}]`, found));
  } else if (value instanceof Date) {
    // Checked once the input's own rules ran (see the pipe), which usually name it first.
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      namedTextProblems(item, path ? `${path}.${key}` : key, found);
    }
  }
  return found;
}

/** Invalid Dates (what the DateTime scalar makes of a bad or far value) anywhere in a value. */
export function dateProblems(value: unknown, path: string, found: FieldProblem[] = []) {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      found.push({
        field: path,
        message:
          'must be an ISO 8601 date-time of the years 1900 to 2199, e.g. 2022-02-04T20:00:00Z',
      });
    }
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) {
      dateProblems(item, path ? `${path}.${key}` : key, found);
    }
  }
  return found;
}

/**
 * Checks every argument of every operation, then validates every decorated input class,
 * and answers BAD_USER_INPUT naming each field's problem, all of them in one answer.
 * Text checks run first and for every argument (a plain `String` argument such as a
 * search term or a cursor too), so no NUL or lone surrogate ever reaches the database.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // @nestjs/graphql hands `@Args` to pipes as 'body'; custom decorators (the context) are skipped.
    if (metadata.type === 'body') {
      // Named as class-validator names them: an input object's fields by themselves
      // (givenName, accreditation.category), a list's as input[0].cardNumber.
      const isInputObject = value !== null && typeof value === 'object' && !Array.isArray(value);
      const problems = textProblems(value, isInputObject ? '' : (metadata.data ?? ''));
      if (problems.length > 0) throw new BadUserInputError(problems);
      const transformed: unknown = await super.transform(value, metadata);
      // A bad date the input class's rules did not name (a plain DateTime argument). Lists
      // (batches) are left to their services, which name every problem of every item.
      const dates = dateProblems(transformed, isInputObject ? '' : (metadata.data ?? ''));
      if (dates.length > 0) throw new BadUserInputError(dates);
      return transformed;
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadUserInputError(fieldProblems(errors)),
  });
}

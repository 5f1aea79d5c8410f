import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseCalendarDate(value: unknown): string {
  if (typeof value !== 'string') throw new GraphQLError('Date must be a string like 1998-05-17');
  const match = CALENDAR_DATE.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`Date must be a real calendar date like 1998-05-17, got "${value}"`);
  }
  return value;
}

/** ISO 8601 calendar date (YYYY-MM-DD), kept as a string so no time zone creeps in. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'ISO 8601 calendar date, e.g. 1998-05-17',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseCalendarDate(value);
  },
  parseValue: parseCalendarDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string like 1998-05-17');
    return parseCalendarDate(ast.value);
  },
});

/** RFC 3339 date-time with a four-digit year and an offset (Z or ±hh:mm). */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$/;
/** Earliest and latest instants any input may name: beyond them no date makes sense here. */
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2199;

/**
 * A real instant of a plausible year, or an Invalid Date: the input class's @IsDate
 * (or the batch's own checks, or the validation pipe) then names the field, in one
 * answer with every other problem of the input.
 */
function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || value.length > 40 || !DATE_TIME.test(value)) {
    return new Date(Number.NaN);
  }
  const date = new Date(value.replace(' ', 'T'));
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < EARLIEST_YEAR || year > LATEST_YEAR) {
    return new Date(Number.NaN);
  }
  return date;
}

/**
 * The DateTime scalar of every service, stricter than Nest's default (which turns
 * anything into a Date, one of year 275760 included, that the database then refuses):
 * a value that is not a real RFC 3339 instant of the years 1900 to 2199 becomes an
 * Invalid Date, which never passes validation: BAD_USER_INPUT naming its field.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return new Date(value).toISOString();
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});

/** The same scalar as a Nest provider: what the code-first schema maps every `Date` field to. */
@Scalar('DateTime', () => Date)
export class DateTimeScalarProvider implements CustomScalar<string, Date> {
  description = DateTimeScalar.description ?? undefined;

  parseValue(value: unknown): Date {
    return parseDateTime(value);
  }

  serialize(value: unknown): string {
    return DateTimeScalar.serialize(value);
  }

  parseLiteral(ast: ValueNode): Date {
    return DateTimeScalar.parseLiteral(ast);
  }
}

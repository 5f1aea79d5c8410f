import pino, { type Logger } from 'pino';

/** Paths never written to a log line: credentials, tokens and passport numbers. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-gateway-proof"]',
  'headers.authorization',
  'authorization',
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'documentNumber',
  '*.documentNumber',
  'cardToken',
  '*.cardToken',
  'variables',
  'parameters',
  '*.parameters',
];

/**
 * Properties of an error that may hold the values a statement was given:
 * TypeORM's QueryFailedError keeps the parameters (passport numbers, API-key
 * hashes, emails) and node-postgres's error its `detail` ("Key (email)=(…)"),
 * `where` and the failing row. None of them reaches a log line.
 */
const VALUE_BEARING = new Set([
  'parameters',
  'driverError',
  'detail',
  'where',
  'hint',
  'internalQuery',
  'variables',
]);

// Bounded repetitions: an unbounded local part made this quadratic on long messages.
const EMAIL = /[^\s"'(),<>@]{1,64}@[^\s"'(),<>@]{1,255}/g;
const HEX_DIGEST = /\b[0-9a-f]{40,}\b/gi;
/** node-postgres quotes the offending value at the end: invalid input syntax for type uuid: "…" */
const QUOTED_VALUE = /(: |\bvalue )"[^"]*"/g;

/** Longest message kept in a log line. */
const MAX_MESSAGE = 2000;

/** A message with values that might be personal data or secrets replaced. */
export function scrubMessage(text: string): string {
  const message =
    text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}… (${text.length} characters)` : text;
  return message
    .replace(QUOTED_VALUE, '$1"[redacted]"')
    .replace(EMAIL, '[redacted email]')
    .replace(HEX_DIGEST, '[redacted digest]');
}

/**
 * What of an error is logged: its type, code, SQL (with $n placeholders, never
 * the values), scrubbed message and stack, and its cause the same way.
 */
export function safeError(error: unknown, depth = 0): Record<string, unknown> {
  // No prototype: pino's error serializer then names it by `name`, not "Object".
  const out = Object.create(null) as Record<string, unknown>;
  if (!(error instanceof Error)) {
    out.message = scrubMessage(String(error));
    return out;
  }
  out.name = error.constructor?.name ?? 'Error';
  out.type = out.name;
  out.message = scrubMessage(error.message);
  if (error.stack) {
    const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${String(out.type)}: ${String(out.message)}`, ...frames].join('\n');
  }
  for (const [key, value] of Object.entries(error)) {
    if (VALUE_BEARING.has(key) || key === 'message' || key === 'stack') continue;
    if (value instanceof Error) {
      if (depth < 3) out[key] = safeError(value, depth + 1);
    } else if (typeof value === 'string') {
      out[key] = key === 'query' ? value : scrubMessage(value);
    } else if (value === null || ['number', 'boolean'].includes(typeof value)) {
      out[key] = value;
    }
  }
  const driverCode = (error as { driverError?: { code?: unknown } }).driverError?.code;
  if (out.code === undefined && typeof driverCode === 'string') out.code = driverCode;
  if (error.cause !== undefined && depth < 3) out.cause = safeError(error.cause, depth + 1);
  return out;
}

/** The process-wide structured logger (JSON lines on stdout). */
export function createLogger(name: string): Logger {
  return pino({
    name,
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Every error logged, under any key, goes through safeError (pino-http and child
    // loggers may bring serializers of their own; this runs before any of them).
    formatters: {
      log: (object) => {
        let changed: Record<string, unknown> | null = null;
        for (const [key, value] of Object.entries(object)) {
          if (value instanceof Error) (changed ??= { ...object })[key] = safeError(value);
        }
        return changed ?? object;
      },
    },
  });
}

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
];

/** The process-wide structured logger (JSON lines on stdout). */
export function createLogger(name: string): Logger {
  return pino({
    name,
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}

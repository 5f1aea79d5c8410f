import { randomUUID } from 'node:crypto';

/**
 * What a request id given by a client or a load balancer must look like to be
 * kept: 8 to 128 letters, digits, dots, colons, underscores or dashes (UUIDs,
 * hex ids and the like). Anything else (control characters, spaces, markup, a
 * forged log line) never reaches a log or the audit trail.
 */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED.test(value);
}

/** The given id when it is well formed, else a fresh UUID. */
export function requestIdFrom(given: string | string[] | undefined | null): string {
  const value = Array.isArray(given) ? given[0] : given;
  return isWellFormedRequestId(value) ? value : randomUUID();
}

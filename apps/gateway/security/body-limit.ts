import type { IncomingMessage } from 'node:http';
import { Kind, OperationTypeNode, parse, type DocumentNode } from 'graphql';

/** Any operation may send this much. */
export const SMALL_BODY_BYTES = 1024 * 1024;
/** Only a CSV import (100,000 rows are about 15 MB) or a portrait (5 MB, 7 MB as base64) may send up to this much. */
export const LARGE_BODY_BYTES = 16 * 1024 * 1024;
/** The operations allowed a large body (each a Mutation). */
export const LARGE_BODY_OPERATIONS: ReadonlySet<string> = new Set([
  'importPeople',
  'setPersonPhoto',
]);
/**
 * Batches may send this much: 5,000 movement events with 100-character locations
 * are about 1.4 MB, 1,000 offline scans with card tokens about 0.4 MB.
 */
export const BATCH_BODY_BYTES = 4 * 1024 * 1024;
/** The batch operations (each a Mutation), allowed BATCH_BODY_BYTES. */
export const BATCH_BODY_OPERATIONS: ReadonlySet<string> = new Set([
  'recordMovements',
  'submitCheckIns',
]);

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`);
  }
}

/** Why a caller may not send a large body. */
export type LargeBodyRefusal = 'unauthenticated' | 'not-allowed' | 'unavailable';
/** What a caller may send past SMALL_BODY_BYTES: at most this many bytes, or a refusal. */
export type LargeBodyGrant = { limit: number } | { refused: LargeBodyRefusal };

/** The length the client announced, or null for a chunked body. */
export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

/**
 * Reads a request body of up to LARGE_BODY_BYTES, but nothing past
 * SMALL_BODY_BYTES before `authorize` has let the caller send that much:
 * an announced large body waits for it before the first byte is read, a
 * chunked one when it grows past the small limit. Throws BodyTooLargeError
 * past a limit, resolves the refusal when `authorize` refuses, and rejects
 * when the client goes away mid-body (the caller ends in a catch).
 */
export async function readAuthorizedBody(
  req: IncomingMessage,
  authorize: () => Promise<LargeBodyGrant>,
): Promise<Buffer | { refused: LargeBodyRefusal }> {
  const declared = declaredLength(req);
  if (declared !== null && declared > LARGE_BODY_BYTES)
    throw new BodyTooLargeError(LARGE_BODY_BYTES);
  let limit = SMALL_BODY_BYTES;
  let authorized = false;
  if (declared !== null && declared > SMALL_BODY_BYTES) {
    const grant = await authorize();
    if ('refused' in grant) return grant;
    authorized = true;
    limit = grant.limit;
    if (declared > limit) throw new BodyTooLargeError(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Iterated by hand: leaving a for-await loop early would destroy the socket before a refusal
  // is sent. Unread bytes are left to the connection, which closes after the answer.
  const body = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (let next = await body.next(); !next.done; next = await body.next()) {
    size += next.value.length;
    if (size > SMALL_BODY_BYTES && !authorized) {
      // Reading stops here (the socket applies back-pressure) until the caller is known.
      const grant = await authorize();
      if ('refused' in grant) return grant;
      authorized = true;
      limit = grant.limit;
    }
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}

/** The operations that may send a body of this size. */
export function operationsAllowed(size: number): ReadonlySet<string> {
  if (size <= SMALL_BODY_BYTES) return new Set();
  if (size <= BATCH_BODY_BYTES)
    return new Set([...LARGE_BODY_OPERATIONS, ...BATCH_BODY_OPERATIONS]);
  return LARGE_BODY_OPERATIONS;
}

/** True when the GraphQL request's every root field is one allowed a body of its size. */
export function mayHaveLargeBody(body: Buffer): boolean {
  const allowed = operationsAllowed(body.length);
  let document: DocumentNode;
  try {
    const { query } = JSON.parse(body.toString('utf8')) as { query?: unknown };
    if (typeof query !== 'string') return false;
    document = parse(query);
  } catch {
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return (
    operations.length === 1 &&
    operations[0].operation === OperationTypeNode.MUTATION &&
    operations[0].selectionSet.selections.every(
      (s) => s.kind === Kind.FIELD && allowed.has(s.name.value),
    )
  );
}

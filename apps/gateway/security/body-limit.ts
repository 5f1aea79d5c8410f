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

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`);
  }
}

/** Why a caller may not send a large body (or null when it may). */
export type LargeBodyRefusal = 'unauthenticated' | 'not-allowed' | 'unavailable';

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
  authorize: () => Promise<LargeBodyRefusal | null>,
): Promise<Buffer | { refused: LargeBodyRefusal }> {
  const declared = declaredLength(req);
  if (declared !== null && declared > LARGE_BODY_BYTES)
    throw new BodyTooLargeError(LARGE_BODY_BYTES);
  let authorized = false;
  if (declared !== null && declared > SMALL_BODY_BYTES) {
    const refused = await authorize();
    if (refused) return { refused };
    authorized = true;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Iterated by hand: leaving a for-await loop early would destroy the socket before a refusal
  // is sent. Unread bytes are left to the connection, which closes after the answer.
  const body = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (let next = await body.next(); !next.done; next = await body.next()) {
    size += next.value.length;
    if (size > LARGE_BODY_BYTES) throw new BodyTooLargeError(LARGE_BODY_BYTES);
    if (size > SMALL_BODY_BYTES && !authorized) {
      // Reading stops here (the socket applies back-pressure) until the caller is known.
      const refused = await authorize();
      if (refused) return { refused };
      authorized = true;
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}

/** True when the GraphQL request's every root field is one allowed a large body. */
export function mayHaveLargeBody(body: Buffer): boolean {
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
      (s) => s.kind === Kind.FIELD && LARGE_BODY_OPERATIONS.has(s.name.value),
    )
  );
}

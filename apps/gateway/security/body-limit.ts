import type { IncomingMessage } from 'node:http';
import { Kind, OperationTypeNode, parse, type DocumentNode } from 'graphql';

/** Any operation may send this much. */
export const SMALL_BODY_BYTES = 1024 * 1024;
/** Only a CSV import may send up to this much (100,000 rows are about 15 MB). */
export const LARGE_BODY_BYTES = 16 * 1024 * 1024;
/** The operations allowed a large body. */
const LARGE_BODY_OPERATIONS = new Set(['importPeople']);

export class BodyTooLargeError extends Error {}

/** Reads a request body, refusing (without reading further) past `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`Request body larger than ${limit} bytes`);
    chunks.push(chunk);
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

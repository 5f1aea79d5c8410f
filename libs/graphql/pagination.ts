import { Directive, Field, ObjectType } from '@nestjs/graphql';
import { BadUserInputError } from '#libs/common/errors.js';
import { textProblem } from '#libs/graphql/validation.pipe.js';

@ObjectType({ description: 'Where a page ends and whether more follow.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 500;

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Opaque keyset cursors: the sort key of the last row seen. Keyset (not
 * offset) pagination visits every row exactly once even while rows are added.
 */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(
  cursor: string | null | undefined,
  arity: number,
): (string | number | null)[] | null {
  if (cursor == null) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const valid =
      Array.isArray(key) &&
      key.length === arity &&
      key.every(
        (k) => k === null || typeof k === 'number' || (typeof k === 'string' && !textProblem(k)),
      );
    if (valid) return key as (string | number | null)[];
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError([{ field: 'after', message: 'is not a cursor this list gave out' }]);
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError([
      { field: 'first', message: `must be between 0 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return first;
}

/**
 * Builds a page from rows fetched with LIMIT first + 1: the extra row only
 * tells whether another page follows.
 */
export function toPage<R, T>(
  rows: R[],
  first: number,
  totalCount: number,
  cursorKey: (row: R) => (string | number | null)[],
  toNode: (row: R) => T,
): Page<T> {
  const pageRows = rows.slice(0, first);
  const edges = pageRows.map((row) => ({
    cursor: encodeCursor(cursorKey(row)),
    node: toNode(row),
  }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null,
    },
    totalCount,
  };
}

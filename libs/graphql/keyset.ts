import { BadUserInputError } from '#libs/common/errors.js';
import { isUuid } from '#libs/common/ids.js';
import { decodeCursor } from '#libs/graphql/pagination.js';

/**
 * What one part of a sort key is, so a cursor's part can be checked when decoded and bound
 * with the right type: `micros` is a timestamptz carried as whole microseconds since the
 * epoch (text), exact where a JavaScript Date would round to milliseconds.
 */
export type KeyKind = 'text' | 'uuid' | 'bigint' | 'micros';

/** A list's order: its columns (SQL expressions) and their kinds, all ascending or all descending. */
export interface Keyset {
  columns: readonly { sql: string; kind: KeyKind }[];
  descending?: boolean;
}

export type KeyValue = string | number | null;

const VALID: Record<KeyKind, (value: KeyValue) => boolean> = {
  text: (v) => typeof v === 'string',
  uuid: (v) => typeof v === 'string' && isUuid(v),
  bigint: (v) => (typeof v === 'string' || typeof v === 'number') && /^-?\d{1,19}$/.test(String(v)),
  micros: (v) => typeof v === 'string' && /^-?\d{1,19}$/.test(v),
};

const BIND: Record<KeyKind, (placeholder: string) => string> = {
  text: (p) => p,
  uuid: (p) => `${p}::uuid`,
  bigint: (p) => `${p}::bigint`,
  micros: (p) => `(timestamptz 'epoch' + ${p}::bigint * interval '1 microsecond')`,
};

/** The select-list expression giving a timestamptz column's `micros` key. */
export function microsOf(column: string): string {
  return `((extract(epoch FROM ${column}) * 1000000)::bigint)::text`;
}

/**
 * The cursor `after` decoded for this order, each part checked against its kind; null
 * without one. Anything else is a BAD_USER_INPUT at `after`, the same for every list.
 */
export function decodeKeyset(after: string | null | undefined, keyset: Keyset): KeyValue[] | null {
  const key = decodeCursor(after, keyset.columns.length);
  if (key && !keyset.columns.every((column, i) => VALID[column.kind](key[i]))) {
    throw new BadUserInputError([
      { field: 'after', message: 'is not a cursor this list gave out' },
    ]);
  }
  return key;
}

/**
 * The condition "after the cursor" in this order, a row comparison the columns' index
 * answers; `bind` adds a parameter and returns its placeholder ($n, or :name for TypeORM).
 */
export function keysetCondition(
  keyset: Keyset,
  key: readonly KeyValue[],
  bind: (value: KeyValue) => string,
): string {
  const columns = keyset.columns.map((c) => c.sql).join(', ');
  const values = keyset.columns.map((c, i) => BIND[c.kind](bind(key[i]))).join(', ');
  return `(${columns}) ${keyset.descending ? '<' : '>'} (${values})`;
}

/** The ORDER BY list of this order. */
export function keysetOrder(keyset: Keyset): string {
  const direction = keyset.descending ? ' DESC' : '';
  return keyset.columns.map((c) => `${c.sql}${direction}`).join(', ');
}

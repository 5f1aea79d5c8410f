import type { ExecutionResult } from 'graphql';

const DATA_FIRST = Buffer.from('{"data":{');
const CLOSING = Buffer.from('}}');

/** JSON's whitespace, which may follow the response's object (a final newline). */
function isJsonWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Whether a subgraph's body is a response holding `data` alone, as the subgraphs write it
 * (JSON.stringify): an object whose first key is `data`, its value an object, and no
 * `errors` or `extensions` key anywhere in the bytes. The check reads the bytes, not the
 * JSON: a field named `errors` or `extensions` in the data only makes it say no (the answer
 * is then parsed and rebuilt as any other), and a string holding either word has its quotes
 * escaped, so it cannot make it say yes.
 */
export function holdsDataAlone(body: Buffer): boolean {
  let end = body.length;
  while (end > 0 && isJsonWhitespace(body[end - 1])) end -= 1;
  return (
    end >= DATA_FIRST.length + CLOSING.length &&
    body.subarray(0, DATA_FIRST.length).equals(DATA_FIRST) &&
    body.subarray(end - CLOSING.length, end).equals(CLOSING) &&
    !body.includes('"errors"') &&
    !body.includes('"extensions"')
  );
}

/** A forwarded answer of data alone, as the HTTP layer may send it. */
export type PassedThrough = ExecutionResult & { stringify: (result: ExecutionResult) => string };

/** Each answer passed through, to the bytes the subgraph wrote (answered-as-written.plugin.ts). */
const bytesOf = new WeakMap<object, Buffer<ArrayBuffer>>();

/**
 * A subgraph's response holding data alone (holdsDataAlone), answered as the subgraph wrote
 * it. Sent as JSON, its bytes are the body (useAnswersAsWritten); otherwise its text is the
 * serialisation (GraphQL Yoga's `stringify` of an execution result), not a parse and a
 * JSON.stringify of the same ~200 KB for a contact trace. Its `data` is parsed only if a
 * plugin reads it. A result another plugin replaced, copied or added to (errors,
 * extensions) is serialised as usual.
 */
export function passedThrough(body: Buffer<ArrayBuffer>): PassedThrough {
  let data: ExecutionResult['data'];
  const result: PassedThrough = {
    get data(): ExecutionResult['data'] {
      data ??= (JSON.parse(body.toString('utf8')) as ExecutionResult).data;
      return data;
    },
    stringify: (serialised: ExecutionResult): string =>
      writtenAs(serialised) === body ? body.toString('utf8') : JSON.stringify(serialised),
  };
  bytesOf.set(result, body);
  return result;
}

/**
 * The bytes a result may be answered with: those of an answer passed through that no plugin
 * added to in place (its own two keys only); undefined for anything else, a copy included.
 */
export function writtenAs(result: object): Buffer<ArrayBuffer> | undefined {
  const body = bytesOf.get(result);
  return body && Object.keys(result).length === 2 ? body : undefined;
}

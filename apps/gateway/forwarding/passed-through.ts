import type { ExecutionResult } from 'graphql';

/**
 * Whether a subgraph's body is a response holding `data` alone, as the subgraphs write it
 * (JSON.stringify): an object whose first key is `data`, its value an object, and no
 * `errors` or `extensions` key anywhere in the text. The check reads the text, not the JSON:
 * a field named `errors` or `extensions` in the data only makes it say no (the answer is then
 * parsed and rebuilt as any other), and a string holding either word has its quotes escaped,
 * so it cannot make it say yes.
 */
export function holdsDataAlone(text: string): boolean {
  return (
    text.startsWith('{"data":{') &&
    text.trimEnd().endsWith('}}') &&
    !text.includes('"errors"') &&
    !text.includes('"extensions"')
  );
}

/**
 * A subgraph's response holding data alone (holdsDataAlone), answered as the subgraph wrote
 * it: its text is the serialisation the HTTP layer writes (GraphQL Yoga's `stringify` of an
 * execution result), not a parse and a JSON.stringify of the same ~200 KB for a contact
 * trace. Its `data` is parsed only if a plugin reads it. A result another plugin replaced,
 * copied or added to (errors, extensions) is serialised as usual.
 */
export function passedThrough(text: string): ExecutionResult & {
  stringify(result: ExecutionResult): string;
} {
  let data: ExecutionResult['data'];
  const result = {
    get data(): ExecutionResult['data'] {
      data ??= (JSON.parse(text) as ExecutionResult).data;
      return data;
    },
    // Its own two keys only: a plugin may also have added errors or extensions in place.
    stringify: (serialised: ExecutionResult): string =>
      serialised === result && Object.keys(serialised).length === 2
        ? text
        : JSON.stringify(serialised),
  };
  return result;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLError } from 'graphql';
import {
  holdsDataAlone,
  passedThrough,
  writtenAs,
} from '#apps/gateway/forwarding/passed-through.js';

const CONTACTS = JSON.stringify({
  data: { contacts: [{ totalMinutes: 45, person: { id: 'p-1' } }] },
});
const bytes = (text: string): Buffer<ArrayBuffer> => Buffer.from(text);

describe('a subgraph answer holding data alone', () => {
  it('is recognised as written, with or without a final newline', () => {
    assert.equal(holdsDataAlone(bytes(CONTACTS)), true);
    assert.equal(holdsDataAlone(bytes(`${CONTACTS}\n`)), true);
  });

  it('is not when the response has errors or extensions, before or after the data', () => {
    const answers = [
      { errors: [{ message: 'no' }], data: { contacts: [] } },
      { data: { contacts: [] }, errors: [{ message: 'no' }] },
      { data: { contacts: [] }, extensions: { cost: 3 } },
    ];
    for (const answer of answers)
      assert.equal(holdsDataAlone(bytes(JSON.stringify(answer))), false);
  });

  it('is not when data is null, not an object, or the text is cut short', () => {
    assert.equal(holdsDataAlone(bytes(JSON.stringify({ data: null }))), false);
    assert.equal(holdsDataAlone(bytes('{"data":{"contacts":[{"totalMinutes":4')), false);
    assert.equal(holdsDataAlone(bytes('not json')), false);
  });

  it('is parsed as any other when a field of the data is named errors (an import report)', () => {
    const report = JSON.stringify({ data: { importPeople: { created: 0, errors: [] } } });
    assert.equal(holdsDataAlone(bytes(report)), false);
  });

  it('says yes for a string value holding the words, whose quotes are escaped', () => {
    const text = JSON.stringify({ data: { note: 'the "errors" and "extensions" keys' } });
    assert.equal(holdsDataAlone(bytes(text)), true);
  });
});

describe('an answer passed through', () => {
  it('is serialised as the subgraph wrote it, byte for byte', () => {
    const text = `${CONTACTS}\n`;
    const result = passedThrough(bytes(text));
    assert.equal(result.stringify(result), text);
  });

  it('gives its data to a plugin that reads it', () => {
    const result = passedThrough(bytes(CONTACTS));
    assert.deepEqual(result.data, { contacts: [{ totalMinutes: 45, person: { id: 'p-1' } }] });
  });

  it('is serialised from its content once a plugin replaced it with a copy', () => {
    const result = passedThrough(bytes(CONTACTS));
    const copy = { ...result, errors: [new GraphQLError('added')] };
    assert.deepEqual(JSON.parse(result.stringify(copy)), {
      data: { contacts: [{ totalMinutes: 45, person: { id: 'p-1' } }] },
      errors: [{ message: 'added' }],
    });
  });

  it('is serialised from its content once a plugin added extensions to it in place', () => {
    const result: ReturnType<typeof passedThrough> & { extensions?: unknown } = passedThrough(
      bytes(CONTACTS),
    );
    result.extensions = { cost: 3 };
    assert.deepEqual(JSON.parse(result.stringify(result)), {
      data: { contacts: [{ totalMinutes: 45, person: { id: 'p-1' } }] },
      extensions: { cost: 3 },
    });
  });
});

describe('the bytes an answer passed through may be sent as', () => {
  it("are the subgraph's own, names in any script included", () => {
    const body = bytes(
      JSON.stringify({ data: { person: { familyName: '王', givenName: 'Zoë' } } }),
    );
    assert.equal(holdsDataAlone(body), true);
    assert.equal(writtenAs(passedThrough(body)), body);
  });

  it('are none once a plugin copied the result or added to it in place', () => {
    const copied = passedThrough(bytes(CONTACTS));
    assert.equal(writtenAs({ ...copied }), undefined);
    const extended: ReturnType<typeof passedThrough> & { extensions?: unknown } = passedThrough(
      bytes(CONTACTS),
    );
    extended.extensions = { cost: 3 };
    assert.equal(writtenAs(extended), undefined);
  });

  it('are none for a result the runtime made', () => {
    assert.equal(writtenAs({ data: { contacts: [] } }), undefined);
  });
});

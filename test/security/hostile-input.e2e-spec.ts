import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import pg from 'pg';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { REPO_ROOT } from '#tools/paths.js';
import { given } from '#test/support/given.js';
import type { GraphQLErrorShape } from '#test/support/graphql-client.js';
import { fieldName, leavesOf, validMutations, withValue } from '#test/support/mutation-inputs.js';

/**
 * True when the error names the field: in its `fields` (an input object's fields by
 * themselves, list items as input[0].cardNumber), or in the variable coercion message
 * (where the gateway renamed the variable: $_registerPerson_input).
 */
function namesField(error: GraphQLErrorShape | undefined, at: (string | number)[]): boolean {
  const name = fieldName(at);
  const relative = fieldName(at.slice(1));
  const normal = (field: string) => field.replace(/\[(\d+)\]/g, '.$1');
  return (
    error?.extensions?.fields?.some((f) => [name, relative].includes(normal(f.field))) === true ||
    // The gateway renames variables ($_registerPerson_input): the path inside is kept.
    (at.length > 1 && normal(error?.message ?? '').includes(`.${relative}"`)) ||
    (at.length === 1 && new RegExp(`"\\$(_\\w+_)?${name}"`).test(error?.message ?? ''))
  );
}

/** Codes a client may get; anything else (or a 5xx, a stack trace, SQL) is a defect. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
]);

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ minLength: 1, maxLength: 5 }).map((s) => s.repeat(20_000)),
  fc.constantFrom(
    "'; DROP TABLE accreditation.people; --",
    '" OR 1=1 --',
    '<script>alert(1)</script>',
    '\u0000\u0001\u0007\u001b[31m',
    '../../../etc/passwd',
    '%00%0d%0a',
    '${7*7}',
    '9999-99-99',
    '-271821-04-20T00:00:00Z',
    '+275760-09-13T00:00:01Z',
    '0000-00-00T00:00:00Z',
    '1e309',
    'NaN',
    '',
    ' ',
    '00000000-0000-0000-0000-000000000000',
    '10000017',
  ),
);

/** Values of the declared type, hostile in content, or of the wrong type altogether. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant({}),
    fc.constant([]),
    hostileString,
  );
  const nullable = !isNonNullType(type);
  const inner = getNullableType(type);
  let right: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    right = fc.array(valueFor(inner.ofType, depth + 1), { maxLength: depth > 1 ? 2 : 5 });
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    right =
      depth > 3
        ? fc.constant({})
        : fc.record(Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, depth + 1)])), {
            requiredKeys: [],
          });
  } else if (isEnumType(inner)) {
    right = fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.name)), hostileString);
  } else if (isScalarType(inner) && ['Int', 'Float'].includes(inner.name)) {
    right = fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 2 ** 31 - 1, -(2 ** 31), 501, 1e9));
  } else if (isScalarType(inner) && inner.name === 'Boolean') {
    right = fc.boolean();
  } else {
    right = hostileString;
  }
  const options = [right, right, right, wrong];
  return nullable ? fc.oneof(...options, fc.constant(null)) : fc.oneof(...options);
}

function mutationCases(schema: GraphQLSchema) {
  const mutation = schema.getMutationType();
  assert.ok(mutation);
  // logout takes no input and would end the admin's session these calls run on
  // (test/security/sessions.e2e-spec.ts covers it).
  const fields = Object.values(mutation.getFields()).filter((f) => f.name !== 'logout');
  return fields.map((field) => {
    const variables = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const named = getNamedType(field.type);
    const selection = isScalarType(named) || isEnumType(named) ? '' : '{ __typename }';
    return {
      name: field.name,
      query: `mutation${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection} }`,
      variables: fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type)])), {
        requiredKeys: [],
      }),
    };
  });
}

describe('hostile input to every mutation', () => {
  let system: RunningSystem;
  let schema: GraphQLSchema;
  before(async () => {
    system = await startSystem({ label: 'hostile' });
    schema = buildSchema(await readFile(path.join(REPO_ROOT, 'schema/api.graphql'), 'utf8'));
  });
  after(() => system?.stop());

  it('gets only clear GraphQL errors: no 5xx, no stack trace, no SQL, no internal error', async () => {
    const cases = mutationCases(schema);
    assert.ok(cases.length >= 20, `only ${cases.length} mutations`);
    let created = 0;
    for (const c of cases) {
      await fc.assert(
        fc.asyncProperty(c.variables, async (variables) => {
          const res = await fetch(system.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${system.admin.token}`,
            },
            body: JSON.stringify({ query: c.query, variables }),
          });
          assert.ok(res.status < 500, `${c.name} answered ${res.status}`);
          const text = await res.text();
          assert.doesNotMatch(
            text,
            /\bat .+\.(js|ts):\d+|stacktrace|SELECT |INSERT INTO|syntax error at/i,
            `${c.name}: ${text.slice(0, 300)}`,
          );
          const body = JSON.parse(text) as {
            data?: Record<string, unknown> | null;
            errors?: { extensions?: { code?: string } }[];
          };
          for (const error of body.errors ?? []) {
            assert.ok(
              CLIENT_CODES.has(error.extensions?.code ?? ''),
              `${c.name}: ${text.slice(0, 500)}`,
            );
          }
          if (c.name === 'registerPerson' && body.data?.registerPerson) created += 1;
        }),
        { numRuns: 12, seed: 2022, includeErrorInReport: true },
      );
    }
    // Nothing half-written: every stored person came from a registration that succeeded.
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM accreditation.people',
      );
      const accreditations = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM accreditation.accreditations',
      );
      assert.equal(
        rows[0].n,
        accreditations.rows[0].n,
        'a person without an accreditation was written',
      );
      assert.ok(rows[0].n >= created);
    } finally {
      await db.end();
    }
  });

  it('answers a NUL, a lone surrogate or a year-275760 date in any field with BAD_USER_INPUT naming it', async () => {
    const cases = await validMutations(system);
    let checked = 0;
    for (const c of cases) {
      const base = c.variables();
      for (const leaf of leavesOf(schema, c.name, base)) {
        const values =
          leaf.kind === 'text'
            ? ['Lin\u0000Wei', 'Lin\uD800', '\uDC00Wei']
            : leaf.type === 'DateTime'
              ? ['+275760-09-13T00:00:00Z', '275760-09-13T00:00:00Z']
              : leaf.type === 'Date'
                ? ['275760-09-13']
                : [];
        for (const value of values) {
          const variables = withValue(c.variables(), leaf.path, value);
          const answer = await system.admin.request(c.query, variables);
          const label = `${c.name} ${fieldName(leaf.path)} = ${JSON.stringify(value)}`;
          assert.equal(answer.status < 500, true, label);
          const [error] = answer.errors ?? [];
          assert.equal(
            error?.extensions?.code,
            'BAD_USER_INPUT',
            `${label}: ${JSON.stringify(answer)}`,
          );
          assert.ok(namesField(error, leaf.path), `${label}: ${error?.message}`);
          checked += 1;
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} fields checked`);
  });

  it('answers the same in query arguments: a search, a card number, a cursor', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const nulCursor = Buffer.from(JSON.stringify(['a\u0000', 'b', organisation.id])).toString(
      'base64url',
    );
    const queries: [string, Record<string, unknown>, string][] = [
      [
        'query($f: PeopleFilter) { people(filter: $f) { totalCount } }',
        { f: { search: 'Lin\u0000' } },
        'filter.search',
      ],
      [
        'query($f: PeopleFilter) { people(filter: $f) { totalCount } }',
        { f: { search: '\uD800' } },
        'filter.search',
      ],
      [
        'query($c: String!) { personByCard(cardNumber: $c) { id } }',
        { c: '1234\u0000' },
        'cardNumber',
      ],
      ['query($a: String) { people(after: $a) { totalCount } }', { a: nulCursor }, 'after'],
      ['query($a: String) { people(after: $a) { totalCount } }', { a: 'x\u0000' }, 'after'],
      [
        'query($code: String!) { inspectionArea(code: $code) { code } }',
        { code: 'A\u0000' },
        'code',
      ],
    ];
    for (const [query, variables, field] of queries) {
      const [error] = await system.admin.errors(query, variables);
      assert.equal(error.extensions?.code, 'BAD_USER_INPUT', `${field}: ${JSON.stringify(error)}`);
      assert.ok(namesField(error, field.split('.')), `${field}: ${error.message}`);
    }
  });
});

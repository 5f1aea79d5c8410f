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
  return Object.values(mutation.getFields()).map((field) => {
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
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, parse } from 'graphql';
import {
  MAX_FIRST,
  operationCost,
  UNPAGINATED_LIST_SIZE,
} from '#apps/gateway/security/query-cost.js';

const schema = buildSchema(`
  type Query { people(first: Int = 50): PersonConnection!, organisations: [Organisation!]!, me: Person }
  type Organisation { id: ID!, people(first: Int = 50): PersonConnection! }
  type PersonConnection { nodes: [Person!]!, totalCount: Int! }
  type Person { id: ID!, name: String!, movements(first: Int = 100): MovementConnection! }
  type MovementConnection { nodes: [Movement!]! }
  type Movement { id: ID! }
`);

const cost = (query: string, variables: Record<string, unknown> = {}) =>
  operationCost(schema, parse(query), variables);

describe('operationCost', () => {
  it('counts a field once per object it is fetched for', () => {
    assert.equal(cost('{ me { id name } }').cost, 3);
  });

  it('multiplies what is below a paginated field by first, given or default', () => {
    // people(1) + nodes(10) + id(10*1 per node)
    assert.equal(cost('{ people(first: 10) { nodes { id } } }').cost, 1 + 10 + 10);
    assert.equal(cost('{ people { nodes { id } } }').cost, 1 + 50 + 50);
    assert.equal(
      cost('query($n: Int) { people(first: $n) { nodes { id } } }', { n: 4 }).cost,
      1 + 4 + 4,
    );
  });

  it('grows with nesting, so wide nested pages cost their product', () => {
    const { cost: nested } = cost(
      '{ people(first: 500) { nodes { movements(first: 100) { nodes { id } } } } }',
    );
    assert.ok(nested > 500 * 100, `${nested}`);
  });

  it('counts an unpaginated list of objects as a fixed size', () => {
    assert.equal(cost('{ organisations { id } }').cost, 1 + UNPAGINATED_LIST_SIZE);
  });

  it('follows fragments once and reports first above the maximum', () => {
    const result = cost(
      `query { people(first: ${MAX_FIRST + 1}) { ...P } } fragment P on PersonConnection { totalCount }`,
    );
    assert.equal(result.cost, 1 + MAX_FIRST + 1);
    assert.deepEqual(result.problems, [
      { kind: 'first', field: 'Query.people', first: MAX_FIRST + 1 },
    ]);
  });
});

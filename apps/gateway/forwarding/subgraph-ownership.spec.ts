import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildSchema, parse } from 'graphql';
import { soleSubgraphOf, SubgraphOwnership } from '#apps/gateway/forwarding/subgraph-ownership.js';
import { DEFAULT_SUPERGRAPH_PATH } from '#apps/gateway/gateway.server.js';

/** A small supergraph with each kind of join the ownership must read. */
const SUPERGRAPH = `
  directive @join__graph(name: String!, url: String!) on ENUM_VALUE
  directive @join__type(graph: join__Graph!, key: String, extension: Boolean! = false,
    resolvable: Boolean! = true, isInterfaceObject: Boolean! = false)
    repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
  directive @join__field(graph: join__Graph, requires: String, provides: String, type: String,
    external: Boolean, override: String, usedOverridden: Boolean)
    repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
  directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE

  enum join__Graph {
    PEOPLE @join__graph(name: "people", url: "http://people/graphql")
    GATES @join__graph(name: "gates", url: "http://gates/graphql")
  }
  scalar DateTime @join__type(graph: PEOPLE) @join__type(graph: GATES)

  type Query @join__type(graph: PEOPLE) @join__type(graph: GATES) {
    person(id: ID!): Person @join__field(graph: PEOPLE)
    scans(direction: Direction, since: DateTime): [Scan!]! @join__field(graph: GATES)
    badge(kind: BadgeKind): String @join__field(graph: GATES)
    search(filter: Filter): [Person!]! @join__field(graph: PEOPLE)
  }
  type Mutation @join__type(graph: GATES) {
    scan(input: ScanInput!): Scan!
  }
  type Person @join__type(graph: PEOPLE, key: "id") @join__type(graph: GATES, key: "id") {
    id: ID!
    name: String! @join__field(graph: PEOPLE)
    status: String @join__field(graph: GATES)
    risk: Int @join__field(graph: GATES, requires: "name") @join__field(graph: PEOPLE, external: true)
    email: String @join__field(graph: GATES, override: "people") @join__field(graph: PEOPLE, usedOverridden: true)
  }
  type Scan @join__type(graph: GATES) {
    id: ID!
    person: Person
  }
  interface Place @join__type(graph: GATES, isInterfaceObject: true) @join__type(graph: PEOPLE) {
    code: String!
  }
  enum Direction @join__type(graph: GATES) { IN OUT }
  enum BadgeKind @join__type(graph: GATES) @join__type(graph: PEOPLE) {
    PAPER
    DIGITAL @join__enumValue(graph: PEOPLE)
  }
  input ScanInput @join__type(graph: GATES) { id: ID!, direction: Direction! }
  input Filter @join__type(graph: PEOPLE) { since: DateTime }
`;

const ownership = new SubgraphOwnership(SUPERGRAPH);
const schema = buildSchema(SUPERGRAPH);
const sole = (query: string, operationName?: string) =>
  soleSubgraphOf(ownership, schema, parse(query), operationName);

describe('soleSubgraphOf', () => {
  it('names the subgraph that resolves every field, entity fields it owns included', () => {
    assert.equal(sole('{ person(id: "1") { id name } }'), 'people');
    assert.equal(sole('{ scans { id person { id status } } }'), 'gates');
    assert.equal(sole('mutation($i: ScanInput!) { scan(input: $i) { id __typename } }'), 'gates');
    assert.equal(sole('{ scans(direction: IN, since: "2026-01-01T00:00:00Z") { id } }'), 'gates');
  });

  it('refuses an operation that needs a second subgraph', () => {
    assert.equal(sole('{ scans { person { name } } }'), null);
    assert.equal(sole('{ person(id: "1") { status } }'), null);
    assert.equal(sole('{ person(id: "1") { name } scans { id } }'), null);
  });

  it('refuses fields a subgraph resolves only with help: required, external, overridden away', () => {
    assert.equal(sole('{ scans { person { risk } } }'), null);
    assert.equal(sole('{ person(id: "1") { risk } }'), null);
    assert.equal(sole('{ person(id: "1") { email } }'), null);
    assert.equal(sole('{ scans { person { email } } }'), 'gates');
  });

  it('looks into fragments, type conditions and input values', () => {
    assert.equal(sole('{ scans { ...S } } fragment S on Scan { id person { id } }'), 'gates');
    assert.equal(sole('{ scans { ...S } } fragment S on Scan { person { name } }'), null);
    // An enum with a value only one subgraph knows is no other subgraph's, literal or variable.
    assert.equal(sole('{ badge(kind: PAPER) }'), null);
    assert.equal(sole('query($k: BadgeKind) { badge(kind: $k) }'), null);
    assert.equal(sole('query($d: Direction) { scans(direction: $d) { id } }'), 'gates');
    assert.equal(sole('{ search(filter: { since: "2026-01-01T00:00:00Z" }) { id } }'), 'people');
  });

  it('leaves introspection, subscriptions, several operations and other directives to the planner', () => {
    assert.equal(sole('{ __schema { queryType { name } } }'), null);
    assert.equal(sole('{ scans { id } __type(name: "Scan") { name } }'), null);
    assert.equal(sole('query A { scans { id } } query B { scans { id } }', 'A'), null);
    assert.equal(sole('{ scans { ... on Scan @defer { id } } }'), null);
    assert.equal(sole('query($x: Boolean!) { scans { id @include(if: $x) } }'), 'gates');
  });

  it('reads the endpoints of the join graphs', () => {
    assert.deepEqual([...ownership.endpoints.keys()], ['people', 'gates']);
    assert.equal(ownership.endpoints.get('gates')?.url, 'http://gates/graphql');
  });

  it('routes the check-in and the contacts of the committed supergraph to their subgraph alone', () => {
    const committed = readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8');
    const real = new SubgraphOwnership(committed);
    const realSchema = buildSchema(committed);
    const route = (query: string) => soleSubgraphOf(real, realSchema, parse(query), undefined);
    assert.equal(
      route(
        'mutation($i: CheckInInput!) { checkIn(input: $i) { decision reasons person { id } } }',
      ),
      'inspection',
    );
    assert.equal(
      route(
        'query($p: ID!, $f: DateTime!, $t: DateTime!) { contacts(personId: $p, from: $f, to: $t, first: 100) { totalMinutes person { id } encounters { location from until minutes } } }',
      ),
      'movement',
    );
    assert.equal(
      route('query($p: ID!) { person(id: $p) { id familyName movements { totalCount } } }'),
      null,
    );
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  fetchAsGateway,
  GATEWAY_PROOF_HEADER,
  GATEWAY_PROOF_PARAM,
  PROOF_LIFETIME_MS,
  signGatewayProof,
  WEBSOCKET_METHOD,
} from '#libs/auth/gateway-proof.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given, type GivenPerson } from '#test/support/given.js';

/**
 * The subgraphs' own boundary, reached directly as a process on the host
 * would: these tests sign as the gateway only where they say so.
 */
describe('a subgraph reached directly', () => {
  let system: RunningSystem;
  let secret: string;
  let mine: { id: string };
  let person: GivenPerson;
  let ownKey: string;
  let otherKey: string;
  before(async () => {
    system = await startSystem({ label: 'subgraph-boundary' });
    secret = system.env.GATEWAY_SECRET;
    const g = given(system);
    mine = await g.organisation();
    const theirs = await g.organisation();
    person = await g.arrivedPerson(mine.id);
    const key = async (organisationId: string) => {
      const data = await system.admin.query<{ createApiKey: { secret: string } }>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
        {
          input: {
            name: `partner-${randomUUID().slice(0, 8)}`,
            scopes: ['ACCREDITATION_READ', 'MOVEMENT_READ', 'HEALTH_WRITE'],
            organisationId,
          },
        },
      );
      return data.createApiKey.secret;
    };
    ownKey = await key(mine.id);
    otherKey = await key(theirs.id);
  });
  after(() => system?.stop());

  const subgraphs = () => Object.entries(system.subgraphUrls);
  const body = (query: string, variables: Record<string, unknown> = {}) =>
    JSON.stringify({ query, variables });
  type Answer = {
    data?: { _entities?: unknown[] } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const asGateway = async (url: string, query: string, key?: string, variables = {}) => {
    const res = await fetchAsGateway(
      secret,
      url,
      body(query, variables),
      key ? { authorization: `Bearer ${key}` } : {},
    );
    return (await res.json()) as Answer;
  };

  it('refuses every request without the gateway proof, and answers /health', async () => {
    for (const [name, url] of subgraphs()) {
      const post = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${system.admin.token}`,
        },
        body: body('{ __typename }'),
      });
      assert.equal(post.status, 403, `${name} POST`);
      const answer = (await post.json()) as Answer;
      assert.equal(answer.errors?.[0]?.extensions?.code, 'FORBIDDEN');
      const sdl = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body('{ _service { sdl } }'),
      });
      assert.equal(sdl.status, 403, `${name} _service`);
      const get = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`);
      assert.equal(get.status, 403, `${name} GET`);
      const root = await fetch(url.replace('/graphql', '/'));
      assert.equal(root.status, 403, `${name} /`);
      const health = await fetch(url.replace('/graphql', '/health'));
      assert.equal(health.status, 200, `${name} /health`);
    }
  });

  it('refuses a forged, expired or replayed proof', async () => {
    const url = system.subgraphUrls.accreditation;
    const query = body('{ _service { sdl } }');
    const send = (proof: string, sent = query) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [GATEWAY_PROOF_HEADER]: proof },
        body: sent,
      });
    const request = { method: 'POST', path: '/graphql', body: query };
    const forged = signGatewayProof('not-the-gateway-secret-but-as-long-as-it', request);
    assert.equal((await send(forged)).status, 403);
    const expired = signGatewayProof(secret, request, Date.now() - PROOF_LIFETIME_MS - 5000);
    assert.equal((await send(expired)).status, 403);
    // A proof seen on the wire, sent again with another query.
    const seen = signGatewayProof(secret, request);
    assert.equal((await send(seen, body('{ me { id } }'))).status, 403);
    assert.equal((await send(seen)).status, 200);
  });

  it('serves its SDL to the gateway (the compose tool signs), with no ETag nobody asks for', async () => {
    for (const [name, url] of subgraphs()) {
      const response = await fetchAsGateway(secret, url, body('{ _service { sdl } }'));
      assert.equal(response.headers.get('etag'), null, name);
      const answer = (await response.json()) as { data?: { _service: { sdl: string } } };
      assert.match(answer.data?._service.sdl ?? '', /@link/, name);
    }
  });

  const PERSON_ENTITY = {
    accreditation:
      '... on Person { id givenName documentNumber accreditation { cardNumber cardToken } }',
    inspection: '... on Person { id closedLoop { status testDueBy } }',
    movement: '... on Person { id movements { totalCount } }',
  } as const;
  const entities = (selection: string) =>
    `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
  const personRef = () => ({ r: [{ __typename: 'Person', id: person.id }] });

  it('resolves no entity for a caller without credentials, even with the proof', async () => {
    for (const [name, selection] of Object.entries(PERSON_ENTITY)) {
      const url = system.subgraphUrls[name as keyof typeof PERSON_ENTITY];
      const answer = await asGateway(url, entities(selection), undefined, personRef());
      assert.equal(answer.data ?? null, null, `${name}: ${JSON.stringify(answer.data)}`);
      assert.equal(answer.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', name);
    }
  });

  it("applies the organisation scope to references: another organisation's key finds no one", async () => {
    for (const [name, selection] of Object.entries(PERSON_ENTITY)) {
      const url = system.subgraphUrls[name as keyof typeof PERSON_ENTITY];
      const other = await asGateway(url, entities(selection), otherKey, personRef());
      assert.deepEqual(other.data?._entities, [null], `${name}: ${JSON.stringify(other)}`);
      const own = await asGateway(url, entities(selection), ownKey, personRef());
      assert.equal(own.errors, undefined, `${name}: ${JSON.stringify(own.errors)}`);
      assert.equal((own.data?._entities?.[0] as { id: string } | null)?.id, person.id, name);
    }
    const organisation = entities('... on Organisation { id name }');
    const ref = { r: [{ __typename: 'Organisation', id: mine.id }] };
    const url = system.subgraphUrls.accreditation;
    assert.deepEqual((await asGateway(url, organisation, otherKey, ref)).data?._entities, [null]);
    const own = await asGateway(url, organisation, ownKey, ref);
    assert.equal((own.data?._entities?.[0] as { id: string }).id, mine.id);
  });

  /** Opens a graphql-ws connection straight to the inspection subgraph. */
  const connect = (params: Record<string, unknown>) =>
    new Promise<'connected' | number>((resolve) => {
      const client = createClient({
        url: system.subgraphUrls.inspection.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: params,
        lazy: false,
        retryAttempts: 0,
        on: {
          connected: () => {
            resolve('connected');
            void client.dispose();
          },
          closed: (event) => resolve((event as { code: number }).code),
        },
        onNonLazyError: () => undefined,
      });
    });

  it('accepts a subscription socket only from the gateway', async () => {
    const authorization = `Bearer ${system.admin.token}`;
    assert.equal(await connect({ authorization }), 4403);
    const httpProof = signGatewayProof(secret, { method: 'POST', path: '/graphql', body: '' });
    assert.equal(await connect({ authorization, [GATEWAY_PROOF_PARAM]: httpProof }), 4403);
    const proof = signGatewayProof(secret, { method: WEBSOCKET_METHOD, path: '/graphql' });
    assert.equal(await connect({ authorization, [GATEWAY_PROOF_PARAM]: proof }), 'connected');
    // The gateway's socket for a caller without (valid) credentials: each subscription on it
    // is then refused UNAUTHENTICATED (test/security/authorization-matrix.e2e-spec.ts).
    assert.equal(await connect({ [GATEWAY_PROOF_PARAM]: proof }), 'connected');
    assert.equal(
      await connect({ authorization: 'Bearer forged', [GATEWAY_PROOF_PARAM]: proof }),
      'connected',
    );
  });
});

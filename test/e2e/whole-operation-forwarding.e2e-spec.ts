import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '#libs/common/config.js';
import { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { startGateway, type RunningGateway } from '#apps/gateway/gateway.server.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { inspection } from '#test/inspection/support.js';
import { GraphQLClient } from '#test/support/graphql-client.js';

/** A query text holding this is cut off by the proxy: the connection drops, nothing answers. */
const DROP = '# the connection drops';

/**
 * The inspection subgraph behind a pass-through that keeps the query text of every request
 * it carries: what a gateway sent it, byte for byte.
 */
async function recordingProxy(
  target: string,
): Promise<{ url: string; queries: string[]; server: Server }> {
  const queries: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url === '/graphql' && req.method === 'POST') {
        const query = (JSON.parse(body.toString('utf8')) as { query: string }).query;
        queries.push(query);
        if (query.includes(DROP)) {
          req.socket.destroy();
          return;
        }
      }
      const upstream = httpRequest(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/graphql`, queries, server };
}

describe('an operation one subgraph answers whole, through the gateway', () => {
  let system: RunningSystem;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  const gateways: RunningGateway[] = [];
  /** The same subgraphs behind two gateways: forwarding (the default) and the runtime alone. */
  let forwarding: GraphQLClient;
  let planning: GraphQLClient;

  before(async () => {
    system = await startSystem({ label: 'forwarding' });
    proxy = await recordingProxy(system.subgraphUrls.inspection);
    const start = async (forward: boolean) => {
      const gateway = await startGateway(
        loadConfig(GatewayConfig, {
          PORT: '0',
          HOST: '127.0.0.1',
          GATEWAY_SECRET: system.env.GATEWAY_SECRET,
          ACCREDITATION_URL: system.subgraphUrls.accreditation,
          INSPECTION_URL: proxy.url,
          MOVEMENT_URL: system.subgraphUrls.movement,
          FORWARD_WHOLE_OPERATIONS: String(forward),
        }),
      );
      gateways.push(gateway);
      return new GraphQLClient(`http://127.0.0.1:${gateway.port}/graphql`, system.admin.token);
    };
    forwarding = await start(true);
    planning = await start(false);
  });
  after(async () => {
    for (const gateway of gateways) await gateway.close();
    proxy?.server.close();
    await system?.stop();
  });

  it('sends the operation to its subgraph as the client wrote it; the runtime rewrites it', async () => {
    const query = `# written by the client
      query AreasAsWritten { inspectionAreas { code } }`;
    proxy.queries.length = 0;
    await forwarding.query(query);
    assert.deepEqual(proxy.queries, [query]);
    proxy.queries.length = 0;
    await planning.query(query);
    assert.equal(proxy.queries.length, 1);
    assert.notEqual(proxy.queries[0], query);
  });

  it('answers as the runtime does: data, aliases, fragments, @include, and each kind of error', async () => {
    const g = inspection(system);
    const organisation = await g.organisation();
    const gate = await g.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });
    const person = await g.person(organisation.id, { venues: ['NST'], zones: ['1'] });
    const scan = (extra: Record<string, unknown>) => () => ({
      input: { id: randomUUID(), areaCode: gate.code, direction: 'IN', ...extra },
    });
    const cases: [string, () => Record<string, unknown>][] = [
      [
        `mutation($input: CheckInInput!) { checkIn(input: $input) { decision reasons person { id } } }`,
        scan({ cardNumber: person.cardNumber }),
      ],
      // NOT_FOUND from the subgraph, BAD_USER_INPUT from the subgraph, a variable the gateway refuses.
      [
        `mutation($input: CheckInInput!) { checkIn(input: $input) { decision } }`,
        () => ({
          input: {
            id: randomUUID(),
            areaCode: 'NO-SUCH-AREA',
            direction: 'IN',
            cardNumber: person.cardNumber,
          },
        }),
      ],
      [
        `mutation($input: CheckInInput!) { checkIn(input: $input) { decision } }`,
        scan({ cardNumber: person.cardNumber, cardToken: 'both' }),
      ],
      [
        `mutation($input: CheckInInput!) { checkIn(input: $input) { decision } }`,
        scan({ direction: 'SIDEWAYS', cardNumber: person.cardNumber }),
      ],
      [
        `query { a: inspectionAreas { c: code ...K } } fragment K on InspectionArea { kind }`,
        () => ({}),
      ],
      [
        `query($x: Boolean!) { inspectionAreas { code kind @include(if: $x) } }`,
        () => ({ x: false }),
      ],
      [`query { inspectionArea(code: "NO-SUCH-AREA") { code } }`, () => ({})],
      [`query { inspectionAreas { nope } }`, () => ({})],
    ];
    for (const [query, variables] of cases) {
      const [forwarded, planned] = await Promise.all([
        forwarding.request(query, variables()),
        planning.request(query, variables()),
      ]);
      assert.deepEqual(forwarded, planned, query);
    }
    // Without credentials: the subgraph's UNAUTHENTICATED, as the runtime gives it.
    const [forwarded, planned] = await Promise.all(
      [forwarding, planning].map((c) => c.withToken(null).request('{ inspectionAreas { code } }')),
    );
    assert.deepEqual(forwarded, planned);
    assert.equal(forwarded.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('sends a query again through the runtime when the subgraph drops it, a mutation never', async () => {
    proxy.queries.length = 0;
    const query = `${DROP}\n{ inspectionAreas { code } }`;
    const read = await forwarding.request(query);
    // The runtime's own text (without the comment) went through and answered.
    assert.deepEqual(read.errors, undefined);
    assert.ok(Array.isArray((read.data as { inspectionAreas?: unknown[] }).inspectionAreas));
    assert.equal(proxy.queries.length, 2);
    assert.equal(proxy.queries[0], query);

    proxy.queries.length = 0;
    const mutation = `${DROP}\nmutation($input: CheckInInput!) { checkIn(input: $input) { decision } }`;
    const written = await forwarding.request(mutation, {
      input: { id: randomUUID(), areaCode: 'ANY', direction: 'IN', cardNumber: 'ANY' },
    });
    // It may have been applied: it is not sent twice, and the caller is told it failed.
    assert.equal(proxy.queries.length, 1);
    assert.equal(written.data, null);
    assert.equal(written.errors?.[0]?.extensions?.code, 'DOWNSTREAM_SERVICE_ERROR');
    assert.equal(written.errors?.[0]?.extensions?.serviceName, 'inspection');
    assert.match(written.errors?.[0]?.message ?? '', /^the inspection service did not answer: /);
  });
});

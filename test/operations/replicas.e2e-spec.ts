import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '#libs/common/config.js';
import { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { startGateway, type RunningGateway } from '#apps/gateway/gateway.server.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startSubgraphs,
  startSystem,
  type RunningSystem,
} from '#tools/in-process-system.js';
import { REDIS_URL, requireBroker } from '#test/support/brokers.js';
import { eventually } from '#test/support/eventually.js';
import { given } from '#test/support/given.js';
import { GraphQLClient } from '#test/support/graphql-client.js';
import { collect, wsClient } from '#test/inspection/support.js';

const SCAN = `mutation($input: CheckInInput!) { checkIn(input: $input) { id decision reasons replayed } }`;
type Scan = { checkIn: { id: string; decision: string; reasons: string[]; replayed: boolean } };

/**
 * Two gateways, each over instances of its own of the three services, on one database and one
 * Redis: what a client does through one is seen, refused or limited through the other.
 */
describe('two gateways over two instances of each service', () => {
  let system: RunningSystem;
  let second: Awaited<ReturnType<typeof startSubgraphs>>;
  let gateway: RunningGateway;
  let other: GraphQLClient;
  before(async () => {
    await requireBroker(REDIS_URL);
    const env = { REDIS_URL, FEED_CHANNEL_PREFIX: `replicas-${randomUUID().slice(0, 8)}` };
    system = await startSystem({ label: 'replicas', env });
    second = await startSubgraphs(system.env);
    gateway = await startGateway(
      loadConfig(GatewayConfig, {
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        GATEWAY_SECRET: system.env.GATEWAY_SECRET,
        ACCREDITATION_URL: second.urls.accreditation,
        INSPECTION_URL: second.urls.inspection,
        MOVEMENT_URL: second.urls.movement,
      }),
    );
    other = await new GraphQLClient(`http://127.0.0.1:${gateway.port}/graphql`).login(
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    );
  });
  after(async () => {
    await gateway?.close();
    await second?.close();
    await system?.stop();
  });

  const scan = (client: GraphQLClient, input: Record<string, unknown>) =>
    client.query<Scan>(SCAN, { input });

  it('delivers a check-in made through one gateway to a subscriber of the other', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.arrivedPerson(organisation.id, { venues: ['NST'], zones: ['1'] });
    const gate = await g.area();
    const client = wsClient({ gatewayPort: gateway.port } as RunningSystem, other.token);
    try {
      const feed = collect<{ checkInRecorded: { id: string } }>(
        client,
        'subscription($area: String) { checkInRecorded(areaCode: $area) { id } }',
        { area: gate.code },
      );
      // The subscription is set up some time after it is sent: scan through the first gateway
      // until the second one's subscriber hears a scan.
      let direction = 'IN';
      const sent: string[] = [];
      await eventually(
        async () => {
          const made = await scan(system.admin, {
            id: randomUUID(),
            areaCode: gate.code,
            direction,
            cardNumber: person.cardNumber,
          });
          sent.push(made.checkIn.id);
          direction = direction === 'IN' ? 'OUT' : 'IN';
          await feed.waitFor(1, 500);
          assert.ok(feed.events.length > 0);
        },
        { timeoutMs: 20_000 },
      );
      assert.ok(feed.events.every((e) => sent.includes(e.checkInRecorded.id)));
      feed.dispose();
    } finally {
      await client.dispose();
    }
  });

  it('admits one of twenty simultaneous scans of one card spread over both', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.arrivedPerson(organisation.id, { venues: ['NST'], zones: ['1'] });
    const gate = await g.area();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        scan(i % 2 ? other : system.admin, {
          id: randomUUID(),
          areaCode: gate.code,
          direction: 'IN',
          cardNumber: person.cardNumber,
        }),
      ),
    );
    const admitted = results.filter((r) => r.checkIn.decision === 'ADMITTED');
    assert.equal(admitted.length, 1);
    for (const r of results.filter((r) => r.checkIn.decision !== 'ADMITTED')) {
      assert.deepEqual(r.checkIn.reasons, ['ALREADY_INSIDE']);
    }
  });

  it('answers a check-in id replayed through the other gateway as a replay', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.arrivedPerson(organisation.id, { venues: ['NST'], zones: ['1'] });
    const gate = await g.area();
    const input = {
      id: randomUUID(),
      areaCode: gate.code,
      direction: 'IN',
      cardNumber: person.cardNumber,
    };
    const first = (await scan(system.admin, input)).checkIn;
    const again = (await scan(other, input)).checkIn;
    assert.equal(first.replayed, false);
    assert.deepEqual(again, { ...first, replayed: true });
  });

  it('refuses a revoked API key on both gateways at once', async () => {
    const made = await system.admin.query<{
      createApiKey: { secret: string; apiKey: { id: string } };
    }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
      { input: { name: `gate-${randomUUID().slice(0, 8)}`, scopes: ['CHECKIN_WRITE'] } },
    );
    const secret = made.createApiKey.secret;
    const viaFirst = system.anonymous.withToken(secret);
    const viaSecond = new GraphQLClient(`http://127.0.0.1:${gateway.port}/graphql`, secret);
    const areas = '{ inspectionAreas { code } }';
    await viaFirst.query(areas);
    await viaSecond.query(areas);
    await other.query('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', {
      id: made.createApiKey.apiKey.id,
    });
    for (const client of [viaFirst, viaSecond]) {
      const [error] = await client.errors(areas);
      assert.equal(error.extensions?.code, 'UNAUTHENTICATED');
    }
  });

  it('shares the sign-in limit: failures through one gateway block the other', async () => {
    const email = `limited-${randomUUID().slice(0, 8)}@games.test`;
    await system.admin.query(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email, password: 'the-right-password', roles: ['VIEWER'] } },
    );
    const login = (client: GraphQLClient, password: string) =>
      client.errors(
        'mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { token } }',
        { e: email, p: password },
      );
    for (let i = 0; i < 10; i++) {
      const [wrong] = await login(system.anonymous, 'wrong-password');
      assert.equal(wrong.message, 'Wrong email or password');
    }
    const anonymousOther = new GraphQLClient(`http://127.0.0.1:${gateway.port}/graphql`);
    const [blocked] = await login(anonymousOther, 'the-right-password');
    assert.match(blocked.message, /Too many failed sign-ins/);
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';

const METRICS_TOKEN = 'scrape-token-for-tests-0123456789';

function scrapeUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql$/, '/metrics');
}

async function scrape(url: string, token: string | null = METRICS_TOKEN) {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: await res.text(),
  };
}

/** The value of one series, found by name and (a subset of) its labels. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return null;
}

describe('/metrics on the gateway and every service', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({
      label: 'metrics',
      env: { METRICS_TOKEN },
      gatewayEnv: { METRICS_TOKEN },
    });
  });
  after(() => system?.stop());

  const targets = () => ({
    gateway: scrapeUrl(system.url),
    accreditation: scrapeUrl(system.subgraphUrls.accreditation),
    inspection: scrapeUrl(system.subgraphUrls.inspection),
    movement: scrapeUrl(system.subgraphUrls.movement),
  });

  it('refuses a scrape without the token or with a wrong one, on every process', async () => {
    for (const [name, url] of Object.entries(targets())) {
      assert.equal((await scrape(url, null)).status, 401, `${name} without a token`);
      const wrong = await scrape(url, 'not-the-scrape-token-at-all');
      assert.equal(wrong.status, 401, `${name} with a wrong token`);
      assert.doesNotMatch(wrong.text, /process_cpu/);
    }
  });

  it('serves Prometheus text with process figures, event-loop lag and operations', async () => {
    await system.admin.query('{ me { email } }');
    for (const [name, url] of Object.entries(targets())) {
      const { status, type, text } = await scrape(url);
      assert.equal(status, 200, name);
      assert.match(type, /^text\/plain; version=0\.0\.4/, name);
      assert.ok(valueOf(text, 'process_cpu_user_seconds_total', { service: name }) !== null, name);
      assert.ok(valueOf(text, 'nodejs_eventloop_lag_seconds', { service: name }) !== null, name);
      assert.match(text, /# TYPE graphql_operation_duration_seconds histogram/, name);
      if (name !== 'gateway') {
        assert.ok((valueOf(text, 'db_pool_max_connections', { service: name }) ?? 0) > 0, name);
        assert.ok(valueOf(text, 'db_pool_connections', { service: name }) !== null, name);
      }
    }
    const gateway = (await scrape(targets().gateway)).text;
    assert.ok(
      (valueOf(gateway, 'graphql_operations_total', { operation: 'query me', outcome: 'ok' }) ??
        0) >= 1,
    );
    assert.ok(
      (valueOf(gateway, 'graphql_operation_duration_seconds_count', { operation: 'query me' }) ??
        0) >= 1,
    );
    const accreditation = (await scrape(targets().accreditation)).text;
    assert.ok(
      (valueOf(accreditation, 'graphql_operations_total', { operation: 'query me' }) ?? 0) >= 1,
    );
  });

  it('counts check-in decisions by reason, and a replay not again', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const person = await g.person(organisation.id, { venues: ['NST'], zones: ['1'] });
    await g.approve(person.accreditationId);
    const gate = await g.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });
    const before = (await scrape(targets().inspection)).text;
    const scan = (id: string) =>
      system.admin.query<{ checkIn: { decision: string; reasons: string[] } }>(
        `mutation($input: CheckInInput!) { checkIn(input: $input) { decision reasons } }`,
        {
          input: { id, areaCode: gate.code, direction: 'IN', cardNumber: person.cardNumber },
        },
      );
    const id = randomUUID();
    const first = (await scan(id)).checkIn;
    await scan(id);
    assert.equal(first.decision, 'DENIED');
    assert.ok(first.reasons.length > 0);
    const after = (await scrape(targets().inspection)).text;
    for (const reason of first.reasons) {
      const labels = { decision: 'DENIED', reason };
      const was = valueOf(before, 'checkin_decisions_total', labels) ?? 0;
      assert.equal(valueOf(after, 'checkin_decisions_total', labels), was + 1, reason);
    }
    assert.ok(
      (valueOf(after, 'graphql_operations_total', { operation: 'mutation checkIn' }) ?? 0) >= 2,
    );
  });
});

describe('/metrics without a METRICS_TOKEN', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({ label: 'metrics-off' });
  });
  after(() => system?.stop());

  it('is off: 404 on the gateway and on a service, whatever the bearer', async () => {
    assert.equal((await scrape(scrapeUrl(system.url), 'anything-at-all-1234')).status, 404);
    assert.equal(
      (await scrape(scrapeUrl(system.subgraphUrls.inspection), 'anything-at-all-1234')).status,
      404,
    );
  });
});

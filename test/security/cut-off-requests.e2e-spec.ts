import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import path from 'node:path';
import { gatewayProofHeaders } from '#libs/auth/gateway-proof.js';
import { spawnService, waitForHealthy, type ChildService } from '#libs/common/child-service.js';
import { freePort } from '#libs/common/net.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { REPO_ROOT } from '#tools/paths.js';
import { given } from '#test/support/given.js';
import { OutputWatch } from '#test/support/output-watch.js';
import { chunk, postHead, RawConnection } from '#test/support/raw-http.js';

const MB = 1024 * 1024;
const wentAway = (line: Record<string, unknown>) => line.msg === 'client went away mid-request';
const crashed = (line: Record<string, unknown>) => line.level === 60;

/**
 * Requests that stop half-way, sent to the gateway running as its own
 * process (as `npm start` runs it), so a crash would be a dead process, not
 * a failed test runner.
 */
describe('requests cut off mid-way', () => {
  let system: RunningSystem;
  let gateway: ChildService;
  let port: number;
  const output = new OutputWatch();
  before(async () => {
    system = await startSystem({ label: 'cut-off' });
    port = await freePort();
    gateway = spawnService(
      'gateway',
      path.join(REPO_ROOT, 'dist/apps/gateway/main.js'),
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        GATEWAY_SECRET: system.env.GATEWAY_SECRET,
        ACCREDITATION_URL: system.subgraphUrls.accreditation,
        INSPECTION_URL: system.subgraphUrls.inspection,
        MOVEMENT_URL: system.subgraphUrls.movement,
      },
      true,
      output.push,
    );
    await waitForHealthy(`http://127.0.0.1:${port}/health`, gateway);
  });
  after(async () => {
    await gateway?.stop();
    await system?.stop();
  });

  /** The gateway process is alive and answers a query. */
  const assertServing = async () => {
    assert.equal(gateway.process.exitCode, null, 'the gateway process exited');
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    assert.deepEqual(await res.json(), { data: { __typename: 'Query' } });
    assert.equal(output.count(crashed), 0, 'the gateway logged a crash');
  };

  /** Sends the head and part of a body, cuts the connection, and waits until the gateway noticed. */
  const cutOff = async (head: string, part: string | Buffer) => {
    const mark = output.lines().length;
    const connection = await RawConnection.open(port);
    await connection.send(head);
    await connection.send(part);
    connection.cut();
    await output.waitFor('the gateway noticed the client went away', wentAway, {
      after: mark,
      process: gateway.process,
    });
  };

  it('survives a chunked body closed early, signed in or not', async () => {
    await cutOff(postHead({ 'transfer-encoding': 'chunked' }), chunk('{"query":"{ me'));
    await assertServing();
    const admin = { authorization: `Bearer ${system.admin.token}` };
    await cutOff(
      postHead({ ...admin, 'transfer-encoding': 'chunked' }),
      chunk(`{"query":"mutation { importPeople","pad":"${'x'.repeat(MB + 10)}`),
    );
    await assertServing();
  });

  it('survives a body shorter than its Content-Length from a signed-in caller', async () => {
    const admin = { authorization: `Bearer ${system.admin.token}` };
    await cutOff(postHead({ ...admin, 'content-length': 5 * MB }), '{"query":"mutation { importPe');
    await assertServing();
  });

  it('survives a small body shorter than its Content-Length', async () => {
    const connection = await RawConnection.open(port);
    await connection.send(postHead({ 'content-length': 500 }));
    await connection.send('{"query":"{ __typ');
    connection.cut();
    await assertServing();
  });

  it('refuses a large body from a caller not signed in before reading any of it', async () => {
    const announced = await RawConnection.open(port);
    await announced.send(postHead({ 'content-length': 8 * MB }));
    const head = await announced.answerHead();
    announced.cut();
    assert.match(head ?? 'no answer', /^HTTP\/1\.1 401/);

    // Chunked: read up to the small limit, then the caller must be known before the rest.
    const chunked = await RawConnection.open(port);
    await chunked.send(postHead({ 'transfer-encoding': 'chunked' }));
    await chunked.send(chunk(`{"query":"{ me { id } }","pad":"${'x'.repeat(MB)}`));
    const chunkedHead = await chunked.answerHead();
    chunked.cut();
    assert.match(chunkedHead ?? 'no answer', /^HTTP\/1\.1 401/);
    await assertServing();
  });

  it('refuses a large body from a signed-in user who may not import, before reading it', async () => {
    const viewer = await given(system).user(['VIEWER']);
    const connection = await RawConnection.open(port);
    await connection.send(
      postHead({ authorization: `Bearer ${viewer.token}`, 'content-length': 2 * MB }),
    );
    const head = await connection.answerHead();
    connection.cut();
    assert.match(head ?? 'no answer', /^HTTP\/1\.1 413/);
  });

  it('answers a path with a malformed escape, and the IDE, without ending', async () => {
    for (const bad of ['/%E0%A4%A', '/ide/%ff', '/assets/%']) {
      const res = await fetch(`http://127.0.0.1:${port}${bad}`);
      assert.ok([200, 404].includes(res.status), `${bad}: ${res.status}`);
      await res.body?.cancel();
    }
    await assertServing();
  });

  it("leaves a subgraph serving when a request's body stops short", async () => {
    const url = new URL(system.subgraphUrls.accreditation);
    const body = JSON.stringify({ query: '{ __typename }' });
    const proof = gatewayProofHeaders(system.env.GATEWAY_SECRET, {
      method: 'POST',
      path: '/graphql',
      body,
    });
    const connection = await RawConnection.open(Number(url.port));
    await connection.send(postHead({ ...proof, 'content-length': body.length + 100 }));
    await connection.send(body);
    connection.cut();
    const health = await fetch(new URL('/health', url));
    assert.equal(health.status, 200);
  });
});

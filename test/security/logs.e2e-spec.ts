import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { eventually } from '#test/support/eventually.js';
import { given } from '#test/support/given.js';

describe('the services logs', () => {
  let system: RunningSystem;
  let output = '';
  before(async () => {
    system = await startSystem({
      label: 'logs',
      env: { LOG_LEVEL: 'info' },
      onOutput: (chunk) => {
        output += chunk;
      },
    });
  });
  after(() => system?.stop());

  it('are JSON lines with a request id, and hold no password, token or document number', async () => {
    const g = given(system);
    const password = `secret-${randomUUID()}`;
    const email = `logged-${randomUUID().slice(0, 8)}@games.test`;
    await system.admin.query(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        input: { email, password, roles: ['ACCREDITATION_OFFICER'] },
      },
    );
    const officer = await system.anonymous.login(email, password);
    const organisation = await g.organisation();
    const person = await g.person(organisation.id);
    await officer.query('query($id: ID!) { person(id: $id) { documentNumber } }', {
      id: person.id,
    });
    const lastRequest = randomUUID();
    await system.anonymous.request(
      'mutation { login(input: { email: "x@y.z", password: "wrong-horse-battery" }) { token } }',
      {},
      { 'x-request-id': lastRequest },
    );
    // Log lines reach us through a pipe after the answers: wait for the last request's.
    await eventually(() => assert.ok(output.includes(lastRequest), 'the last request is logged'));

    const lines = output.split('\n').filter((l) => l.trim());
    assert.ok(lines.length > 5, 'the services logged their requests');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.req);
    assert.ok(
      requests.length > 0 &&
        requests.every((l) => typeof (l.req as { id?: unknown }).id === 'string'),
    );
    for (const secret of [
      password,
      'wrong-horse-battery',
      officer.token as string,
      system.admin.token as string,
      person.documentNumber,
    ]) {
      assert.equal(output.includes(secret), false, `a log line holds ${secret.slice(0, 12)}...`);
    }
  });
});

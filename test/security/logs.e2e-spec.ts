import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { hashApiKeySecret } from '#libs/auth/api-key-secret.js';
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

  it('hold no passport number, API-key hash or email from a failed statement or its error', async () => {
    const g = given(system);
    const organisation = await g.organisation();
    const { createApiKey } = await system.admin.query<{ createApiKey: { secret: string } }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
      { input: { name: 'logs test', scopes: ['ACCREDITATION_READ'] } },
    );
    const keyHash = hashApiKeySecret(createApiKey.secret);
    const documentNumber = `LEAK${randomUUID().slice(0, 8).toUpperCase()}`;
    const email = `leak-${randomUUID().slice(0, 8)}@games.test`;
    // Statements the database refuses after the application sent them, with the values
    // as parameters: what a failing disk, a bad migration or a bug would look like.
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      await db.query(`ALTER TABLE accreditation.people ADD CONSTRAINT logs_test_people
        CHECK (document_number NOT LIKE 'LEAK%') NOT VALID`);
      await db.query(`ALTER TABLE identity.users ADD CONSTRAINT logs_test_users
        CHECK (email NOT LIKE 'leak-%') NOT VALID`);
      await db.query(`ALTER FUNCTION identity.find_api_key(text) RENAME TO find_api_key_hidden`);
      try {
        const registered = await system.admin.request(
          'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
          { input: g.personInput(organisation.id, { documentNumber }) },
        );
        assert.equal(registered.errors?.[0]?.extensions?.code, 'INTERNAL_SERVER_ERROR');
        const created = await system.admin.request(
          'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
          { input: { email, password: 'a-long-password-for-tests', roles: ['VIEWER'] } },
        );
        assert.equal(created.errors?.[0]?.extensions?.code, 'INTERNAL_SERVER_ERROR');
        const lastRequest = randomUUID();
        await system.anonymous
          .withToken(createApiKey.secret)
          .request('{ organisations { id } }', {}, { 'x-request-id': lastRequest })
          .catch(() => undefined);
        await eventually(() => {
          assert.ok(output.includes(lastRequest), 'the last request is logged');
          assert.ok(output.includes('find_api_key'), 'the failed key lookup is logged');
          assert.ok(output.includes('logs_test_users'), 'the failed insert of a user is logged');
        });
      } finally {
        await db.query(`ALTER FUNCTION identity.find_api_key_hidden(text) RENAME TO find_api_key`);
        await db.query('ALTER TABLE accreditation.people DROP CONSTRAINT logs_test_people');
        await db.query('ALTER TABLE identity.users DROP CONSTRAINT logs_test_users');
      }
    } finally {
      await db.end();
    }
    assert.match(output, /query failed/, 'failed statements are logged');
    for (const [what, value] of [
      ['document number', documentNumber],
      ['API-key hash', keyHash],
      ['API key', createApiKey.secret],
      ['email', email],
    ]) {
      assert.equal(output.includes(value), false, `a log line holds the ${what}`);
    }
  });
});

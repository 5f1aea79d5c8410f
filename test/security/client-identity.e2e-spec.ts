import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { isUuid } from '#libs/common/ids.js';
import { FAILURES_PER_ACCOUNT } from '#apps/accreditation/identity/login-throttle.service.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';

type Trail = {
  auditTrail: { nodes: { action: string; clientAddress: string; requestId: string }[] };
};

/**
 * Who a request comes from, as the sign-in limits and the audit trail see it,
 * behind one trusted load balancer (TRUST_PROXY=true).
 */
describe('the client behind a trusted proxy', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({ label: 'client-identity', gatewayEnv: { TRUST_PROXY: 'true' } });
  });
  after(() => system?.stop());

  /** Registers a person with the given headers and waits for the audit trail's record of it. */
  const registered = async (headers: Record<string, string>) => {
    const organisation = await given(system).organisation();
    const res = await system.admin.request<{ registerPerson: { id: string } }>(
      'mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      { input: given(system).personInput(organisation.id) },
      headers,
    );
    const personId = res.data?.registerPerson.id as string;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const trail = await system.admin.query<Trail>(
        'query($id: ID!) { auditTrail(personId: $id) { nodes { action clientAddress requestId } } }',
        { id: personId },
      );
      const event = trail.auditTrail.nodes.find((n) => n.action === 'Mutation.registerPerson');
      if (event) return event;
      // The audit writer batches; a read of the trail is the condition waited for.
      if (Date.now() > deadline) throw new Error('the registration was never audited');
    }
  };

  it('records the address the proxy appended, never one the client wrote', async () => {
    const event = await registered({ 'x-forwarded-for': '203.0.113.9, 198.51.100.7' });
    assert.equal(event.clientAddress, '198.51.100.7');
  });

  it("records a client's request id only when it is well formed", async () => {
    const wellFormed = `gate-7-${randomUUID()}`;
    assert.equal((await registered({ 'x-request-id': wellFormed })).requestId, wellFormed);
    const forged = '"} {"level":60,"msg":"a forged log line"}';
    const replaced = (await registered({ 'x-request-id': forged })).requestId;
    assert.notEqual(replaced, forged);
    assert.ok(isUuid(replaced), replaced);
  });

  it(`checks at most ${FAILURES_PER_ACCOUNT} of 40 parallel wrong passwords for one account`, async () => {
    const email = `raced-${randomUUID().slice(0, 8)}@games.test`;
    await system.admin.query(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { email, password: 'the-right-password', roles: ['VIEWER'] } },
    );
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        system.anonymous.request(
          'mutation($e: String!) { login(input: { email: $e, password: "wrong-password" }) { token } }',
          { e: email },
          // Each guess claims another address; only the proxy's entry counts.
          { 'x-forwarded-for': `192.0.2.${i + 1}, 198.51.100.77` },
        ),
      ),
    );
    const messages = answers.map((a) => a.errors?.[0]?.message ?? 'signed in');
    const checked = messages.filter((m) => m === 'Wrong email or password').length;
    const refused = messages.filter((m) => m.startsWith('Too many failed sign-ins')).length;
    assert.equal(checked + refused, 40, messages.join('\n'));
    assert.ok(checked <= FAILURES_PER_ACCOUNT, `${checked} passwords were checked`);
    assert.ok(checked > 0);
    // And the right password is refused too now.
    const [blocked] = await system.anonymous.errors(
      'mutation($e: String!) { login(input: { email: $e, password: "the-right-password" }) { token } }',
      { e: email },
    );
    assert.match(blocked.message, /Too many failed sign-ins/);
  });
});

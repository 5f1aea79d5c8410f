import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { Role } from '#libs/auth/roles.js';
import { signSessionToken, verifySessionToken } from '#libs/auth/jwt.js';

const SECRET = 'a-session-secret-of-enough-length-for-hs256';
const user = { id: '0b7f6f64-3c55-4d5e-9a4d-5b9f3b7c2a11', roles: [Role.ADMIN], sessionEpoch: 3 };

describe('session tokens, remembered once verified', () => {
  it('gives the same claims on every use of a genuine token', async () => {
    const { token } = await signSessionToken(user, SECRET, 60);
    const first = await verifySessionToken(token, SECRET);
    assert.deepEqual(first, { userId: user.id, sessionEpoch: 3 });
    assert.deepEqual(await verifySessionToken(token, SECRET), first);
  });

  it('refuses a tampered token and another secret, also once the genuine one is known', async () => {
    const { token } = await signSessionToken(user, SECRET, 60);
    assert.ok(await verifySessionToken(token, SECRET));
    const [header, payload, signature] = token.split('.');
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    assert.equal(await verifySessionToken(`${header}.${payload}.${flipped}`, SECRET), null);
    assert.equal(await verifySessionToken(token, `${SECRET}-rotated`), null);
  });

  it('refuses a remembered token once it has expired', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      const { token } = await signSessionToken(user, SECRET, 60);
      assert.ok(await verifySessionToken(token, SECRET));
      mock.timers.tick(59_000);
      assert.ok(await verifySessionToken(token, SECRET));
      mock.timers.tick(2_000);
      assert.equal(await verifySessionToken(token, SECRET), null);
    } finally {
      mock.timers.reset();
    }
  });
});

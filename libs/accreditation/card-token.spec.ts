import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSecrets } from '#libs/common/secrets.js';
import {
  parseSigningKey,
  publicJwkOf,
  signCardToken,
  verifyCardToken,
  type CardTokenPayload,
} from '#libs/accreditation/card-token.js';

const PAYLOAD: CardTokenPayload = {
  cn: '10000017',
  tv: 1,
  pid: '5d1d6c8e-3c2b-4a57-9f3e-1a2b3c4d5e6f',
  vf: '2026-01-20T00:00:00.000Z',
  vu: '2026-03-20T00:00:00.000Z',
  ven: ['*'],
  zon: ['*'],
  cat: 'Aa',
  gn: 'Lin',
  fn: 'Wei',
  org: 'NOC-CHN',
};

const newKey = async () => parseSigningKey((await generateSecrets()).CARD_SIGNING_KEY);

describe('card tokens', () => {
  it('are compact JWS, EdDSA over Ed25519, naming their key', async () => {
    const key = await newKey();
    const token = await signCardToken(PAYLOAD, key);
    const [header, payload, signature] = token.split('.');
    assert.ok(signature.length > 0);
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), {
      alg: 'EdDSA',
      kid: key.kid,
      typ: 'card+jws',
    });
    assert.equal(
      (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { cn: string }).cn,
      PAYLOAD.cn,
    );
  });

  it('publish only the public half of a key', async () => {
    const jwk = publicJwkOf(await newKey());
    assert.deepEqual(Object.keys(jwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    assert.equal('d' in jwk, false);
  });

  it('keep verifying across a rotation until the old key is retired', async () => {
    const oldKey = await newKey();
    const newer = await newKey();
    const oldToken = await signCardToken(PAYLOAD, oldKey);
    const newToken = await signCardToken({ ...PAYLOAD, tv: 2 }, newer);
    const both = new Map([
      [oldKey.kid, publicJwkOf(oldKey)],
      [newer.kid, publicJwkOf(newer)],
    ]);
    assert.equal((await verifyCardToken(oldToken, both))?.tv, 1);
    assert.equal((await verifyCardToken(newToken, both))?.tv, 2);
    const afterRetirement = new Map([[newer.kid, publicJwkOf(newer)]]);
    assert.equal(await verifyCardToken(oldToken, afterRetirement), null);
    assert.equal((await verifyCardToken(newToken, afterRetirement))?.tv, 2);
  });

  it('refuse forged, altered and malformed tokens', async () => {
    const key = await newKey();
    const keys = new Map([[key.kid, publicJwkOf(key)]]);
    const token = await signCardToken(PAYLOAD, key);
    const [h, , s] = token.split('.');
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...PAYLOAD, tv: 9 })).toString('base64url')}.${s}`;
    assert.equal(await verifyCardToken(altered, keys), null);
    const impostor = await newKey();
    const forged = await signCardToken(PAYLOAD, {
      kid: key.kid,
      privateJwk: { ...impostor.privateJwk, kid: key.kid },
    });
    assert.equal(await verifyCardToken(forged, keys), null);
    assert.equal(await verifyCardToken('not.a.token', keys), null);
  });

  it('never quote the private key when it is malformed', () => {
    const secret = 'SECRET-MATERIAL-d-xyz';
    for (const bad of [
      `{"d":"${secret}"`,
      `${secret}`,
      JSON.stringify({ kty: 'OKP', d: secret }),
    ]) {
      assert.throws(
        () => parseSigningKey(bad),
        (error: unknown) => error instanceof Error && !error.message.includes(secret),
      );
    }
  });
});

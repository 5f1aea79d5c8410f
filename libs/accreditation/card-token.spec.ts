import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode as decodeCbor } from 'cbor2';
import base45 from 'base45-js';
import { generateSecrets } from '#libs/common/secrets.js';
import {
  CARD_TOKEN_MAX_LENGTH,
  MAX_VENUE_POSITIONS,
  MAX_ZONE_POSITIONS,
  looksLikeCardToken,
  parseSigningKey,
  publicJwkOf,
  signCardToken,
  verifyCardToken,
  type CardCatalogue,
  type CardTokenPayload,
} from '#libs/accreditation/card-token.js';

const CATALOGUE: CardCatalogue = {
  venues: ['NST', 'NAC', 'YAN', undefined, 'BIA'],
  zones: ['1', '2', '3', 'R'],
};

const PAYLOAD: CardTokenPayload = {
  cn: '10000017',
  tv: 1,
  vf: '2026-01-20T00:00:00.000Z',
  vu: '2026-03-20T00:00:00.000Z',
  ven: ['NST', 'BIA'],
  zon: ['1', 'R'],
};

const newKey = async () => parseSigningKey((await generateSecrets()).CARD_SIGNING_KEY);
const keysOf = (...keys: Awaited<ReturnType<typeof newKey>>[]) =>
  new Map(keys.map((k) => [k.kid, publicJwkOf(k)]));

describe('card tokens', () => {
  it('are a CWT in COSE_Sign1 (EdDSA), base45, naming their key', async () => {
    const key = await newKey();
    const token = await signCardToken(PAYLOAD, key, CATALOGUE);
    assert.match(token, /^[0-9A-Z $%*+\-./:]+$/);
    assert.ok(token.length <= CARD_TOKEN_MAX_LENGTH);
    assert.ok(looksLikeCardToken(token));
    const bytes = base45.decode(token);
    assert.equal(bytes[0], 0xd2, 'tag 18, COSE_Sign1');
    const [protectedHeader, , payload, signature] = decodeCbor<
      [Uint8Array, unknown, Uint8Array, Uint8Array]
    >(bytes.subarray(1));
    const header = decodeCbor<Map<number, unknown>>(protectedHeader);
    assert.equal(header.get(1), -8, 'alg EdDSA');
    assert.equal(new TextDecoder().decode(header.get(4) as Uint8Array), key.kid);
    assert.equal(signature.length, 64);
    const claims = decodeCbor<Map<number, unknown>>(payload);
    assert.equal(claims.get(-1), 10000017);
    assert.equal(claims.get(5), Date.parse(PAYLOAD.vf) / 1000, 'nbf in seconds');
    assert.deepEqual([...(claims.get(-3) as Uint8Array)], [0b10001], 'venues at positions 0 and 4');
  });

  it('give back the claims, venues and zones named by the catalogue', async () => {
    const key = await newKey();
    const token = await signCardToken(PAYLOAD, key, CATALOGUE);
    assert.deepEqual(await verifyCardToken(token, keysOf(key), CATALOGUE), PAYLOAD);
    const all = await signCardToken({ ...PAYLOAD, ven: ['*'], zon: ['*'] }, key, CATALOGUE);
    assert.deepEqual((await verifyCardToken(all, keysOf(key), CATALOGUE))?.ven, ['*']);
  });

  it('refuse to name a code outside the catalogue', async () => {
    await assert.rejects(
      signCardToken({ ...PAYLOAD, ven: ['XYZ'] }, await newKey(), CATALOGUE),
      /XYZ is not in the venue catalogue/,
    );
  });

  it('stay within 200 characters for a card opening every venue and zone of a full catalogue', async () => {
    const full: CardCatalogue = {
      venues: Array.from({ length: MAX_VENUE_POSITIONS }, (_, i) => `V${i}`),
      zones: Array.from({ length: MAX_ZONE_POSITIONS }, (_, i) => `Z${i}`),
    };
    // The longest kid a key may have, the latest time, a token version reissued many times.
    const key = await newKey();
    const longKid = { kid: 'K'.repeat(16), privateJwk: { ...key.privateJwk, kid: 'K'.repeat(16) } };
    const token = await signCardToken(
      {
        cn: '99999994',
        tv: 65_535,
        vf: '2099-01-01T00:00:00.000Z',
        vu: '2099-12-31T23:59:59.000Z',
        ven: full.venues as string[],
        zon: full.zones as string[],
      },
      longKid,
      full,
    );
    assert.ok(token.length <= CARD_TOKEN_MAX_LENGTH, `${token.length} characters`);
    const claims = await verifyCardToken(token, keysOf(longKid), full);
    assert.equal(claims?.ven.length, MAX_VENUE_POSITIONS);
    assert.equal(claims?.zon.length, MAX_ZONE_POSITIONS);
  });

  it('publish only the public half of a key', async () => {
    const jwk = publicJwkOf(await newKey());
    assert.deepEqual(Object.keys(jwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    assert.equal('d' in jwk, false);
  });

  it('keep verifying across a rotation until the old key is retired', async () => {
    const oldKey = await newKey();
    const newer = await newKey();
    const oldToken = await signCardToken(PAYLOAD, oldKey, CATALOGUE);
    const newToken = await signCardToken({ ...PAYLOAD, tv: 2 }, newer, CATALOGUE);
    const both = keysOf(oldKey, newer);
    assert.equal((await verifyCardToken(oldToken, both))?.tv, 1);
    assert.equal((await verifyCardToken(newToken, both))?.tv, 2);
    const afterRetirement = keysOf(newer);
    assert.equal(await verifyCardToken(oldToken, afterRetirement), null);
    assert.equal((await verifyCardToken(newToken, afterRetirement))?.tv, 2);
  });

  it('refuse forged, altered, wrong-key and malformed tokens', async () => {
    const key = await newKey();
    const keys = keysOf(key);
    const token = await signCardToken(PAYLOAD, key, CATALOGUE);
    // Altered: one claim byte changed (the venues bit set), signature kept.
    const bytes = base45.decode(token);
    const at = bytes.lastIndexOf(0b10001);
    const altered = Uint8Array.from(bytes);
    altered[at] = 0xff;
    assert.equal(await verifyCardToken(base45.encode(altered), keys, CATALOGUE), null);
    // Forged: signed by another key that claims the real key's kid.
    const impostor = await newKey();
    const forged = await signCardToken(
      PAYLOAD,
      { kid: key.kid, privateJwk: { ...impostor.privateJwk, kid: key.kid } },
      CATALOGUE,
    );
    assert.equal(await verifyCardToken(forged, keys), null);
    // Wrong key: a genuine signature by a key that is not published.
    assert.equal(
      await verifyCardToken(await signCardToken(PAYLOAD, impostor, CATALOGUE), keys),
      null,
    );
    for (const malformed of ['', 'NOT A TOKEN', 'eyJhbGciOiJFZERTQSJ9.e30.c2ln', 'a'.repeat(201)]) {
      assert.equal(await verifyCardToken(malformed, keys), null);
    }
  });

  it('refuse a signing key whose kid would not fit on the card', async () => {
    const key = await newKey();
    assert.throws(
      () => parseSigningKey(JSON.stringify({ ...key.privateJwk, kid: 'k'.repeat(17) })),
      /at most 16 bytes/,
    );
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

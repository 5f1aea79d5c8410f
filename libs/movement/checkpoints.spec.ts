import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSecrets } from '#libs/common/secrets.js';
import {
  CheckpointKeys,
  checkpointPayload,
  parseCheckpointPayload,
} from '#libs/movement/checkpoints.js';

const newKey = async () => (await generateSecrets()).MOVEMENT_CHECKPOINT_KEY;
const publicPart = (jwk: string) => {
  const { d: _private, ...rest } = JSON.parse(jwk) as Record<string, unknown>;
  return rest;
};

const content = {
  takenAt: '2026-02-01T08:30:00.000Z',
  heads: [
    { chain: 0, seq: 12, hash: 'a'.repeat(64) },
    { chain: 1, seq: 0, hash: '0'.repeat(64) },
  ],
};

void describe('movement log checkpoints', () => {
  void it('signs the canonical statement of the heads, which only a trusted key verifies', async () => {
    const keys = CheckpointKeys.fromJwks(await newKey());
    const payload = checkpointPayload(content);
    assert.equal(
      payload,
      `{"heads":[[0,12,"${'a'.repeat(64)}"],[1,0,"${'0'.repeat(64)}"]],"takenAt":"2026-02-01T08:30:00.000Z"}`,
    );
    assert.deepEqual(parseCheckpointPayload(payload), content);
    const signed = { payload, keyId: keys.keyId, signature: keys.sign(payload) };
    assert.equal(keys.verify(signed), true);
    assert.equal(keys.verify({ ...signed, payload: payload.replace('[0,12', '[0,13') }), false);
    assert.equal(keys.verify({ ...signed, keyId: 'someone-else' }), false);
    const other = CheckpointKeys.fromJwks(await newKey());
    assert.equal(other.verify({ ...signed, keyId: other.keyId }), false);
  });

  void it('still verifies what an earlier key signed, after a rotation, and publishes public keys only', async () => {
    const oldJwk = await newKey();
    const old = CheckpointKeys.fromJwks(oldJwk);
    const payload = checkpointPayload(content);
    const signed = { payload, keyId: old.keyId, signature: old.sign(payload) };
    const rotated = CheckpointKeys.fromJwks(await newKey(), JSON.stringify([publicPart(oldJwk)]));
    assert.notEqual(rotated.keyId, old.keyId);
    assert.equal(rotated.verify(signed), true);
    const published = rotated.publicJwks();
    assert.deepEqual(published.map((k) => k.kid).sort(), [old.keyId, rotated.keyId].sort());
    assert.ok(published.every((k) => k.d === undefined && k.alg === 'EdDSA'));
  });

  void it('refuses a key that is not an Ed25519 private JWK with a kid, saying which variable', async () => {
    const { kid: _kid, ...withoutKid } = JSON.parse(await newKey()) as Record<string, unknown>;
    assert.throws(() => CheckpointKeys.fromJwks('not json'), /MOVEMENT_CHECKPOINT_KEY: not JSON/);
    assert.throws(
      () => CheckpointKeys.fromJwks(JSON.stringify(withoutKid)),
      /MOVEMENT_CHECKPOINT_KEY: must carry a kid/,
    );
    const publicOnly = { ...publicPart(JSON.stringify(withoutKid)), kid: 'k' };
    assert.throws(
      () => CheckpointKeys.fromJwks(JSON.stringify(publicOnly)),
      /MOVEMENT_CHECKPOINT_KEY: must be an Ed25519 private JWK/,
    );
    assert.throws(
      () => CheckpointKeys.fromJwks(JSON.stringify({ ...withoutKid, kid: 'k' }), '{"kty":"OKP"}'),
      /MOVEMENT_CHECKPOINT_PREVIOUS_KEYS/,
    );
  });

  void it('reads only well-formed payloads', () => {
    for (const bad of [
      'not json',
      '{}',
      '{"heads":[[0,1]],"takenAt":"x"}',
      '{"heads":[[0,1,"short"]],"takenAt":"x"}',
      '{"heads":[[0.5,1,"' + 'a'.repeat(64) + '"]],"takenAt":"x"}',
      '{"heads":"no","takenAt":"x"}',
    ]) {
      assert.equal(parseCheckpointPayload(bad), null, bad);
    }
  });
});

import {
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { MovementSql } from '#libs/sql/movement.sql.js';

type Queryable = Pick<EntityManager, 'query'>;

/** Where a chain stood: its last event's seq and hash (seq 0: no event yet). */
export interface ChainHead {
  chain: number;
  seq: number;
  hash: string;
}

/** A signed statement of every chain's head, as stored in movement.checkpoints. */
export interface SignedCheckpoint {
  id: string;
  /** The exact text signed: {"heads":[[chain,seq,"hash"],…],"takenAt":"…"} (RFC 8785). */
  payload: string;
  keyId: string;
  /** Ed25519 over the payload's UTF-8 bytes, base64url. */
  signature: string;
}

export interface CheckpointContent {
  takenAt: string;
  heads: ChainHead[];
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * The checkpoint keys: the movement service's Ed25519 private key signs, and its public
 * key with those of earlier keys (after a rotation) verify. The database never holds
 * any of them: someone holding the database alone cannot sign a checkpoint.
 */
export class CheckpointKeys {
  private constructor(
    readonly keyId: string,
    private readonly privateKey: KeyObject,
    private readonly publicKeys: Map<string, KeyObject>,
  ) {}

  /**
   * `privateJwk`: the signing key, an Ed25519 private JWK (JSON) with a kid.
   * `previousPublicJwks`: a JSON array of earlier keys' public JWKs, each with its kid.
   */
  static fromJwks(privateJwk: string, previousPublicJwks?: string): CheckpointKeys {
    const jwk = parseJson(privateJwk, 'MOVEMENT_CHECKPOINT_KEY') as JsonWebKey & { kid?: unknown };
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string') {
      throw new Error('MOVEMENT_CHECKPOINT_KEY: must be an Ed25519 private JWK');
    }
    if (typeof jwk.kid !== 'string' || jwk.kid === '') {
      throw new Error('MOVEMENT_CHECKPOINT_KEY: must carry a kid');
    }
    const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    const publicKeys = new Map([[jwk.kid, createPublicKey(privateKey)]]);
    const previous = previousPublicJwks
      ? parseJson(previousPublicJwks, 'MOVEMENT_CHECKPOINT_PREVIOUS_KEYS')
      : [];
    if (!Array.isArray(previous)) {
      throw new Error('MOVEMENT_CHECKPOINT_PREVIOUS_KEYS: must be a JSON array of public JWKs');
    }
    for (const key of previous as (JsonWebKey & { kid?: unknown })[]) {
      if (key.kty !== 'OKP' || key.crv !== 'Ed25519' || typeof key.kid !== 'string') {
        throw new Error(
          'MOVEMENT_CHECKPOINT_PREVIOUS_KEYS: each must be an Ed25519 JWK with a kid',
        );
      }
      const { d: _private, ...publicPart } = key;
      publicKeys.set(key.kid, createPublicKey({ key: publicPart, format: 'jwk' }));
    }
    return new CheckpointKeys(jwk.kid, privateKey, publicKeys);
  }

  sign(payload: string): string {
    return sign(null, Buffer.from(payload, 'utf8'), this.privateKey).toString('base64url');
  }

  /** True when a key we trust signed exactly this payload. */
  verify(checkpoint: Pick<SignedCheckpoint, 'payload' | 'keyId' | 'signature'>): boolean {
    const key = this.publicKeys.get(checkpoint.keyId);
    if (!key) return false;
    return verify(
      null,
      Buffer.from(checkpoint.payload, 'utf8'),
      key,
      Buffer.from(checkpoint.signature, 'base64url'),
    );
  }

  /** The public keys, as a JWK Set's keys, for anyone who verifies checkpoints themselves. */
  publicJwks(): (JsonWebKey & { kid: string; use: string; alg: string })[] {
    return [...this.publicKeys].map(([kid, key]) => ({
      ...key.export({ format: 'jwk' }),
      kid,
      use: 'sig',
      alg: 'EdDSA',
    }));
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name}: not JSON`);
  }
}

/** The text a checkpoint signs: RFC 8785 canonical JSON (keys in order, no whitespace). */
export function checkpointPayload(content: CheckpointContent): string {
  return JSON.stringify({
    heads: content.heads.map((h) => [h.chain, h.seq, h.hash]),
    takenAt: content.takenAt,
  });
}

/** The heads a payload states, or null when it is not a checkpoint's payload. */
export function parseCheckpointPayload(payload: string): CheckpointContent | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const { heads, takenAt } = (value ?? {}) as { heads?: unknown; takenAt?: unknown };
  if (typeof takenAt !== 'string' || !Array.isArray(heads)) return null;
  const parsed: ChainHead[] = [];
  for (const head of heads as unknown[]) {
    if (!Array.isArray(head) || head.length !== 3) return null;
    const [chain, seq, hash] = head as unknown[];
    if (!Number.isSafeInteger(chain) || !Number.isSafeInteger(seq)) return null;
    if (typeof hash !== 'string' || !HASH.test(hash)) return null;
    parsed.push({ chain: chain as number, seq: seq as number, hash });
  }
  return { takenAt, heads: parsed };
}

/** Every checkpoint stored, oldest first. */
export async function readCheckpoints(db: Queryable): Promise<SignedCheckpoint[]> {
  const rows: { id: string; payload: string; key_id: string; signature: string }[] = await db.query(
    MovementSql.checkpoints.all,
  );
  return rows.map((r) => ({
    id: r.id,
    payload: r.payload,
    keyId: r.key_id,
    signature: r.signature,
  }));
}

/**
 * Signs the chain heads as they are now and appends the checkpoint. The heads and the
 * time are read in one statement (one snapshot: every head names a committed event).
 * With `onlyIfChanged`, nothing is written while the heads are those of the latest
 * checkpoint (a quiet log costs nothing).
 */
export async function takeCheckpoint(
  db: Queryable,
  keys: CheckpointKeys,
  options: { onlyIfChanged?: boolean } = {},
): Promise<(SignedCheckpoint & { takenAt: Date; content: CheckpointContent }) | null> {
  const [state]: {
    taken_at: Date;
    heads: [number, string, string][];
    last: string | null;
  }[] = await db.query(MovementSql.checkpoints.state);
  const heads = state.heads.map(([chain, seq, hash]) => ({ chain, seq: Number(seq), hash }));
  const unchanged =
    state.last !== null &&
    JSON.stringify(parseCheckpointPayload(state.last)?.heads) === JSON.stringify(heads);
  if (options.onlyIfChanged && unchanged) return null;
  const content = { takenAt: state.taken_at.toISOString(), heads };
  const payload = checkpointPayload(content);
  const signature = keys.sign(payload);
  const [row]: { id: string }[] = await db.query(MovementSql.checkpoints.insert, [
    state.taken_at,
    payload,
    keys.keyId,
    signature,
  ]);
  return { id: row.id, payload, keyId: keys.keyId, signature, takenAt: state.taken_at, content };
}

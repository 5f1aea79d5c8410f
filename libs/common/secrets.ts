import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';

export interface Secrets {
  JWT_SECRET: string;
  CARD_SIGNING_KEY: string;
  /** Signs the movement log's checkpoints; given to the movement service only. */
  MOVEMENT_CHECKPOINT_KEY: string;
  /** Shared by the gateway and the services only: proves a request comes from the gateway. */
  GATEWAY_SECRET: string;
}

/** A fresh Ed25519 private key as a JWK (JSON) with a kid starting with `prefix`. */
async function ed25519Jwk(prefix: string): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return JSON.stringify({
    ...(await exportJWK(privateKey)),
    kid: `${prefix}-${randomUUID().slice(0, 8)}`,
  });
}

/**
 * Fresh secrets: a 256-bit session-signing secret, an Ed25519 card-signing key and an
 * Ed25519 key that signs the movement log's checkpoints.
 */
export async function generateSecrets(): Promise<Secrets> {
  return {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    CARD_SIGNING_KEY: await ed25519Jwk('card'),
    MOVEMENT_CHECKPOINT_KEY: await ed25519Jwk('checkpoint'),
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
  };
}

/**
 * The embedded default keeps its generated secrets with the data (mode 0600),
 * so sessions and printed cards stay valid across restarts; a secret missing from
 * an older file is generated and added. Values given in the environment win.
 */
export async function loadOrCreateSecrets(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<Secrets> {
  const file = path.join(dataDir, 'secrets.json');
  // A secret added in a later release is generated into an existing file; the others stay.
  const stored: Partial<Secrets> = existsSync(file)
    ? (JSON.parse(await readFile(file, 'utf8')) as Partial<Secrets>)
    : {};
  const complete: Secrets = { ...(await generateSecrets()), ...stored };
  if (Object.keys(complete).some((key) => !(key in stored))) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(complete), { mode: 0o600 });
  }
  return {
    JWT_SECRET: env.JWT_SECRET ?? complete.JWT_SECRET,
    CARD_SIGNING_KEY: env.CARD_SIGNING_KEY ?? complete.CARD_SIGNING_KEY,
    MOVEMENT_CHECKPOINT_KEY: env.MOVEMENT_CHECKPOINT_KEY ?? complete.MOVEMENT_CHECKPOINT_KEY,
    GATEWAY_SECRET: env.GATEWAY_SECRET ?? complete.GATEWAY_SECRET,
  };
}

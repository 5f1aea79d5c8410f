import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';

export interface Secrets {
  JWT_SECRET: string;
  CARD_SIGNING_KEY: string;
  /** Shared by the gateway and the services only: proves a request comes from the gateway. */
  GATEWAY_SECRET: string;
}

/**
 * Fresh secrets: a 256-bit session-signing secret, an Ed25519 card-signing key
 * and a 256-bit gateway secret.
 */
export async function generateSecrets(): Promise<Secrets> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `card-${randomUUID().slice(0, 8)}` };
  return {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    CARD_SIGNING_KEY: JSON.stringify(jwk),
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
  };
}

/**
 * The embedded default keeps its generated secrets with the data (mode 0600),
 * so sessions and printed cards stay valid across restarts. Values given in
 * the environment win.
 */
export async function loadOrCreateSecrets(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<Secrets> {
  const file = path.join(dataDir, 'secrets.json');
  const existing = existsSync(file)
    ? (JSON.parse(await readFile(file, 'utf8')) as Partial<Secrets>)
    : null;
  // A secret added in a later release is generated into an existing file; the others stay.
  const stored: Secrets = { ...(await generateSecrets()), ...existing };
  if (!existing || Object.keys(stored).some((key) => !(key in existing))) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(stored), { mode: 0o600 });
  }
  return {
    JWT_SECRET: env.JWT_SECRET ?? stored.JWT_SECRET,
    CARD_SIGNING_KEY: env.CARD_SIGNING_KEY ?? stored.CARD_SIGNING_KEY,
    GATEWAY_SECRET: env.GATEWAY_SECRET ?? stored.GATEWAY_SECRET,
  };
}

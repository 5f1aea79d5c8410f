import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import type { CardClaims } from '../gate/offline';

export interface TestSigner {
  jwks: string;
  sign: (claims: CardClaims, kid?: string) => Promise<string>;
}

/** An Ed25519 key pair and a signer producing card tokens as the server does. */
export async function makeSigner(kid = 'card-key-1'): Promise<TestSigner> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', {
    crv: 'Ed25519',
    extractable: true,
  });
  const jwk = await exportJWK(publicKey);
  const jwks = JSON.stringify({ keys: [{ ...jwk, kid, alg: 'EdDSA', use: 'sig' }] });
  return {
    jwks,
    sign: (claims, useKid = kid) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg: 'EdDSA', kid: useKid })
        .sign(privateKey),
  };
}

export function claims(overrides: Partial<CardClaims> = {}): CardClaims {
  return {
    cn: '12345674',
    tv: 1,
    pid: 'person-1',
    vf: '2022-01-23T00:00:00.000Z',
    vu: '2022-02-25T00:00:00.000Z',
    ven: ['NST'],
    zon: ['1', '2'],
    cat: 'Aa',
    gn: 'Eileen',
    fn: 'Gu',
    org: 'NOC-CHN',
    ...overrides,
  };
}

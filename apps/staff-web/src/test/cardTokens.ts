import { exportJWK, generateKeyPair } from 'jose';
import { signCardToken } from '@card-token';
import { catalogueOf, type CardCatalogue, type CardClaims } from '../gate/offline';

export interface TestSigner {
  jwks: string;
  /** The catalogue as the venues query gives it, and by position. */
  venues: {
    code: string;
    name: string;
    position: number;
    zones: string[];
    zonePositions: number[];
  }[];
  catalogue: CardCatalogue;
  sign: (claims: CardClaims, kid?: string) => Promise<string>;
}

const VENUES = [
  {
    code: 'NST',
    name: 'National Stadium',
    position: 0,
    zones: ['1', '2', '3'],
    zonePositions: [0, 1, 2],
  },
  {
    code: 'YAN',
    name: 'National Alpine Skiing Centre',
    position: 1,
    zones: ['1', '3'],
    zonePositions: [0, 2],
  },
  {
    code: 'PEK',
    name: 'Beijing Capital airport',
    position: 2,
    zones: ['T3', 'ARR'],
    zonePositions: [3, 4],
  },
];

/** An Ed25519 key pair and a signer producing card tokens as the server does. */
export async function makeSigner(kid = 'card-key-1'): Promise<TestSigner> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', {
    crv: 'Ed25519',
    extractable: true,
  });
  const jwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const jwks = JSON.stringify({ keys: [{ ...jwk, kid, alg: 'EdDSA', use: 'sig' }] });
  const catalogue = catalogueOf(VENUES);
  return {
    jwks,
    venues: VENUES,
    catalogue,
    sign: (claims, useKid = kid) =>
      signCardToken(claims, { kid: useKid, privateJwk: { ...privateJwk, kid: useKid } }, catalogue),
  };
}

export function claims(overrides: Partial<CardClaims> = {}): CardClaims {
  return {
    cn: '12345674',
    tv: 1,
    vf: '2022-01-23T00:00:00.000Z',
    vu: '2022-02-25T00:00:00.000Z',
    ven: ['NST'],
    zon: ['1', '2'],
    ...overrides,
  };
}

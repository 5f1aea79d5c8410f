// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import base45 from 'base45-js';
import { claims, makeSigner, type TestSigner } from '../test/cardTokens';
import {
  decideOffline,
  looksLikeToken,
  verifyCardToken,
  type AreaRules,
  type DenyListEntry,
} from './offline';

const area: AreaRules = { code: 'NST-GATE-1', venueCode: 'NST', zone: '1', closedLoop: true };

/** A deny-list entry as the server makes it for a card of that status. */
const listed = (
  cardNumber: string,
  status: DenyListEntry['status'],
  tokenVersion: number,
): DenyListEntry => ({
  cardNumber,
  status,
  tokenVersion,
  reasons: status === 'SUSPENDED' ? ['SUSPENDED'] : status === 'REVOKED' ? ['REVOKED'] : [],
  testDueBy: null,
});
const during = new Date('2022-02-04T12:00:00.000Z');

describe('verifyCardToken', () => {
  let signer: TestSigner;
  beforeAll(async () => {
    signer = await makeSigner();
  });

  it('returns the claims of a token signed by a published key', async () => {
    const token = await signer.sign(claims());
    expect(looksLikeToken(token)).toBe(true);
    expect(await verifyCardToken(token, signer.jwks, signer.catalogue)).toEqual(claims());
  });

  it('rejects a token whose payload was altered', async () => {
    const token = await signer.sign(claims());
    // One byte of the claims changed; the signature kept.
    const bytes = base45.decode(token);
    const altered = Uint8Array.from(bytes);
    altered[bytes.length - 70] ^= 1;
    expect(await verifyCardToken(base45.encode(altered), signer.jwks)).toBeNull();
    expect(await verifyCardToken(token, signer.jwks)).not.toBeNull();
  });

  it('rejects a token signed by another key or naming an unknown key', async () => {
    const other = await makeSigner();
    expect(await verifyCardToken(await other.sign(claims()), signer.jwks)).toBeNull();
    expect(await verifyCardToken(await signer.sign(claims(), 'gone'), signer.jwks)).toBeNull();
    expect(await verifyCardToken('not-a-token', signer.jwks)).toBeNull();
    expect(await verifyCardToken(await signer.sign(claims()), 'not json')).toBeNull();
  });

  it('finds the key by kid across a rotation', async () => {
    const old = await makeSigner('k-old');
    const current = await makeSigner('k-new');
    const both = JSON.stringify({
      keys: [
        ...(JSON.parse(old.jwks) as { keys: unknown[] }).keys,
        ...(JSON.parse(current.jwks) as { keys: unknown[] }).keys,
      ],
    });
    expect(await verifyCardToken(await old.sign(claims()), both)).not.toBeNull();
    expect(await verifyCardToken(await current.sign(claims()), both)).not.toBeNull();
  });
});

describe('decideOffline', () => {
  const base = { denyList: [], area, direction: 'IN' as const, at: during };

  it('admits a valid card with access to the venue and zone', () => {
    expect(decideOffline({ ...base, claims: claims() })).toEqual({
      decision: 'ADMITTED',
      reasons: [],
    });
  });

  it('treats * as every venue and every zone', () => {
    const c = claims({ ven: ['*'], zon: ['*'] });
    const far = { code: 'X', venueCode: 'YAN', zone: '9', closedLoop: true };
    expect(decideOffline({ ...base, area: far, claims: c }).decision).toBe('ADMITTED');
  });

  it('denies an unverified token with that single reason, in either direction', () => {
    expect(decideOffline({ ...base, claims: null })).toEqual({
      decision: 'DENIED',
      reasons: ['INVALID_TOKEN'],
    });
    expect(decideOffline({ ...base, direction: 'OUT', claims: null }).reasons).toEqual([
      'INVALID_TOKEN',
    ]);
  });

  it('denies cards on the deny list: suspended, revoked, superseded', () => {
    const c = claims();
    const suspended = [listed(c.cn, 'SUSPENDED', 1)];
    expect(decideOffline({ ...base, claims: c, denyList: suspended }).reasons).toEqual([
      'SUSPENDED',
    ]);
    const revoked = [listed(c.cn, 'REVOKED', 1)];
    expect(decideOffline({ ...base, claims: c, denyList: revoked }).reasons).toEqual(['REVOKED']);
    const reissued = [listed(c.cn, 'ACTIVE', 2)];
    expect(decideOffline({ ...base, claims: c, denyList: reissued }).reasons).toEqual([
      'SUPERSEDED_TOKEN',
    ]);
    const current = claims({ tv: 2 });
    expect(decideOffline({ ...base, claims: current, denyList: reissued }).decision).toBe(
      'ADMITTED',
    );
  });

  it('ignores deny-list entries of other cards', () => {
    const other = [listed('00000000', 'REVOKED', 3)];
    expect(decideOffline({ ...base, claims: claims(), denyList: other }).decision).toBe('ADMITTED');
  });

  it('denies outside the validity window, at both ends', () => {
    const c = claims();
    expect(
      decideOffline({ ...base, claims: c, at: new Date('2022-01-22T23:59:59Z') }).reasons,
    ).toEqual(['OUTSIDE_VALIDITY']);
    expect(
      decideOffline({ ...base, claims: c, at: new Date('2022-02-25T00:00:01Z') }).reasons,
    ).toEqual(['OUTSIDE_VALIDITY']);
    expect(decideOffline({ ...base, claims: c, at: new Date(c.vu) }).decision).toBe('ADMITTED');
  });

  it('lists every reason that applies, in the contract order', () => {
    const c = claims({ tv: 1, ven: ['YAN'], zon: ['3'] });
    const denyList = [listed(c.cn, 'REVOKED', 2)];
    const at = new Date('2023-01-01T00:00:00Z');
    expect(decideOffline({ ...base, claims: c, denyList, at })).toEqual({
      decision: 'DENIED',
      reasons: [
        'SUPERSEDED_TOKEN',
        'REVOKED',
        'OUTSIDE_VALIDITY',
        'NO_VENUE_ACCESS',
        'NO_ZONE_ACCESS',
      ],
    });
  });

  it('lets a verified card out whatever its state', () => {
    const c = claims({ ven: [], zon: [] });
    const denyList = [listed(c.cn, 'SUSPENDED', 1)];
    expect(decideOffline({ ...base, direction: 'OUT', claims: c, denyList })).toEqual({
      decision: 'ADMITTED',
      reasons: [],
    });
  });
});

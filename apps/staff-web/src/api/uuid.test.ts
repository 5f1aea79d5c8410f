import { describe, expect, it } from 'vitest';
import { uuid } from './uuid';

const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuid', () => {
  it('makes version 4 UUIDs', () => {
    expect(uuid()).toMatch(v4);
  });

  it('still makes them where crypto.randomUUID is missing (plain HTTP)', () => {
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 100 }, () => uuid()));
      expect(ids.size).toBe(100);
      for (const id of ids) expect(id).toMatch(v4);
    } finally {
      // Uncover the prototype's method again.
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
  });
});

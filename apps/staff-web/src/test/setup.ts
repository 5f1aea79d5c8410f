import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// jsdom's globals come from another realm than Node's TextEncoder: re-wrap its
// output so `instanceof Uint8Array` holds, as it does in a browser (jose checks it).
if (typeof window !== 'undefined' && !(new TextEncoder().encode('') instanceof Uint8Array)) {
  class SameRealmTextEncoder extends TextEncoder {
    override encode(input?: string): Uint8Array<ArrayBuffer> {
      return new Uint8Array(super.encode(input));
    }
  }
  globalThis.TextEncoder = SameRealmTextEncoder;
}

afterEach(() => {
  if (typeof window === 'undefined') return;
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
  window.location.hash = '';
});

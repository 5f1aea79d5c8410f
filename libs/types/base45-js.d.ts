// base45-js ships typings for another module name; these describe what it exports.
declare module 'base45-js' {
  const base45: {
    encode(bytes: Uint8Array): string;
    /** Throws on a character outside the base45 alphabet. */
    decode(text: string): Uint8Array;
  };
  export = base45;
}

import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// The package is CommonJS exporting the function itself; its typings describe an ES default export.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The log is split into this many hash chains, each appended to by one writer at a time. */
export const CHAIN_COUNT = 64;

/** The hash before a chain's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Which chain a location's events go to: a stable hash, so one place always shares one chain. */
export function chainOf(location: string): number {
  return createHash('sha256').update(location).digest().readUInt32BE(0) % CHAIN_COUNT;
}

/** What the hash covers: every stored field of an event except the hashes themselves. */
export interface ChainedContent {
  id: string;
  chain: number;
  seq: number;
  personId: string;
  location: string;
  kind: string;
  occurredAt: string;
  recordedAt: string;
  source: string;
}

/**
 * The RFC 8785 canonical JSON of an event's content. The keys are fixed and
 * already in RFC 8785 order (UTF-16 code units), the values are strings and
 * safe integers, whose canonical forms are JSON.stringify's: so this is
 * byte-for-byte what a generic canonicaliser gives (a property test checks
 * it against the `canonicalize` package), at a fraction of the cost on the
 * append and verification paths. PostgreSQL can build the same text with
 * to_json(), which the benchmark's SQL loader relies on.
 */
export function canonicalContent(c: ChainedContent): string {
  if (!Number.isSafeInteger(c.chain) || !Number.isSafeInteger(c.seq)) {
    throw new Error('event content cannot be canonicalised: chain and seq must be integers');
  }
  return (
    `{"chain":${c.chain},"id":${JSON.stringify(c.id)},"kind":${JSON.stringify(c.kind)}` +
    `,"location":${JSON.stringify(c.location)},"occurredAt":${JSON.stringify(c.occurredAt)}` +
    `,"personId":${JSON.stringify(c.personId)},"recordedAt":${JSON.stringify(c.recordedAt)}` +
    `,"seq":${c.seq},"source":${JSON.stringify(c.source)}}`
  );
}

/** The generic RFC 8785 canonicaliser, kept as the reference the fast path is tested against. */
export function canonicalContentReference(c: ChainedContent): string {
  const canonical = canonicalize({ ...c });
  if (canonical === undefined) throw new Error('event content cannot be canonicalised');
  return canonical;
}

/** SHA-256 (hex) over the previous hash, a newline and the event's canonical JSON (RFC 8785). */
export function eventHash(previousHash: string, content: ChainedContent): string {
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(canonicalContent(content))
    .digest('hex');
}

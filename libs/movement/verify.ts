import type { EntityManager } from 'typeorm';
import { eventHash, GENESIS_HASH } from '#libs/movement/chain.js';
import {
  parseCheckpointPayload,
  readCheckpoints,
  type CheckpointKeys,
  type SignedCheckpoint,
} from '#libs/movement/checkpoints.js';
import { MovementSql } from '#libs/sql/movement.sql.js';

type Queryable = Pick<EntityManager, 'query'>;

export interface LogVerificationResult {
  valid: boolean;
  eventsChecked: number;
  /** Signed checkpoints whose heads the chains were checked against. */
  checkpointsChecked: number;
  /**
   * The first event, in (chain, seq) order, whose content or hash does not match; for a
   * chain rewritten consistently (every hash recomputed), the first event after the last
   * checkpointed head it still passes through.
   */
  firstInvalidEventId: string | null;
  /** Why the log is invalid, for the logs and the tests. */
  problem: string | null;
}

/** What anchors the chains outside the database: the keys that sign checkpoints. */
export interface CheckpointAnchors {
  keys: CheckpointKeys;
  /** The latest checkpoint as kept outside the database (a file), if any. */
  outside?: SignedCheckpoint | null;
}

interface ChainRow {
  id: string;
  chain: number;
  seq: string;
  person_id: string;
  location: string;
  kind: string;
  occurred_at: string;
  recorded_at: string;
  source: string;
  prev_hash: string;
  hash: string;
}

/** Rows per keyset batch: a few hundred kilobytes, whatever the size of the log. */
export const VERIFY_BATCH_SIZE = 5000;

function fetchBatch(db: Queryable, chain: number, seq: string, limit: number): Promise<ChainRow[]> {
  return db.query(MovementSql.chains.eventsAfter, [chain, seq, limit]);
}

/** A head some checkpoint signed: the hash the chain must have at that seq. */
interface Anchor {
  hash: string;
  checkpointId: string;
}

/**
 * Every signed head, per chain and seq, from every checkpoint whose signature verifies;
 * what does not verify, is missing or disagrees is a problem of the log. Memory: one
 * entry per distinct (chain, seq) signed.
 */
async function loadAnchors(
  db: Queryable,
  anchors: CheckpointAnchors,
): Promise<{ byChain: Map<number, Map<number, Anchor>>; checked: number; problem: string | null }> {
  const stored = await readCheckpoints(db);
  const byChain = new Map<number, Map<number, Anchor>>();
  let problem: string | null = null;
  const note = (why: string) => {
    problem ??= why;
  };
  const outside = anchors.outside ?? null;
  if (outside) {
    const copy = stored.find((c) => c.id === outside.id);
    if (!copy) {
      note(`checkpoint #${outside.id}, kept outside the database, is missing from it`);
      stored.push(outside);
    } else if (copy.payload !== outside.payload || copy.signature !== outside.signature) {
      note(`checkpoint #${outside.id} differs from the copy kept outside the database`);
      stored.push({ ...outside, id: `${outside.id} (outside copy)` });
    }
  }
  let checked = 0;
  for (const checkpoint of stored) {
    const content = anchors.keys.verify(checkpoint)
      ? parseCheckpointPayload(checkpoint.payload)
      : null;
    if (!content) {
      note(`checkpoint #${checkpoint.id}: its signature does not verify with a trusted key`);
      continue;
    }
    checked += 1;
    for (const head of content.heads) {
      if (head.seq === 0) continue;
      let chain = byChain.get(head.chain);
      if (!chain) byChain.set(head.chain, (chain = new Map<number, Anchor>()));
      const known = chain.get(head.seq);
      if (known && known.hash !== head.hash) {
        note(
          `checkpoints #${known.checkpointId} and #${checkpoint.id} sign different hashes for chain ${head.chain} seq ${head.seq}`,
        );
      } else if (!known) {
        chain.set(head.seq, { hash: head.hash, checkpointId: checkpoint.id });
      }
    }
  }
  return { byChain, checked, problem };
}

/**
 * Recomputes every chain from its genesis, streaming: keyset batches in
 * (chain, seq) order, the next batch fetched while this one is hashed, so
 * memory stays flat over any size of log. An event is invalid when its seq
 * does not follow its predecessor's, its prev_hash is not its predecessor's
 * hash, or its hash is not SHA-256 over that and its stored content. The
 * walk then goes on from the stored hash, so one tampered row is named once.
 * Finally each chain's head row must name its last event (a removed tail).
 *
 * With `anchors`, the signed checkpoints count too: each must verify with a
 * trusted key, and each chain must pass through every head they sign. That
 * catches what the hashes alone cannot: a rewrite by someone holding the
 * database, with every later hash and the head recomputed. Such a rewrite is
 * named by the first event after the last checkpointed head the chain still
 * passes through (the rewrite lies between it and the next head signed).
 *
 * Checkpoints are read first, then heads: events appended after that are
 * left for the next run, so verifying while partners write gives no false
 * alarm. Pass a DataSource (not a transaction) so the next batch is read on
 * another connection while this one is hashed.
 */
export async function verifyMovementLog(
  db: Queryable,
  options: { batchSize?: number; anchors?: CheckpointAnchors } = {},
): Promise<LogVerificationResult> {
  const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
  const signed = options.anchors
    ? await loadAnchors(db, options.anchors)
    : { byChain: new Map<number, Map<number, Anchor>>(), checked: 0, problem: null };
  const heads: { chain: number; head_hash: string; head_seq: string }[] = await db.query(
    MovementSql.chains.heads,
  );
  const headOf = new Map(heads.map((h) => [h.chain, h]));
  const headSeqOf = new Map(heads.map((h) => [h.chain, BigInt(h.head_seq)]));
  let checked = 0;
  let firstInvalid: string | null = null;
  let problem: string | null = null;
  const flag = (id: string | null, why: string) => {
    if (problem === null) {
      firstInvalid = id;
      problem = why;
    }
  };

  let chain = -1;
  let previousHash = GENESIS_HASH;
  let previousSeq = 0n;
  // The last seq of this chain a checkpoint vouches for, and the first event after it.
  let anchoredThrough = 0n;
  let firstUnanchored: string | null = null;
  const closeChain = () => {
    if (chain < 0) return;
    const head = headOf.get(chain);
    if (!head || head.head_hash !== previousHash || BigInt(head.head_seq) !== previousSeq) {
      flag(null, `chain ${chain}: head row does not name its last event (seq ${previousSeq})`);
    }
    headOf.delete(chain);
    missingAnchors(chain, previousSeq);
  };
  // Heads signed beyond where the chain now ends: its tail was removed.
  const missingAnchors = (c: number, lastSeq: bigint) => {
    for (const [seq, anchor] of signed.byChain.get(c) ?? []) {
      if (BigInt(seq) > lastSeq) {
        flag(
          null,
          `chain ${c} ends at seq ${lastSeq}, but checkpoint #${anchor.checkpointId} signed seq ${seq}: events were removed`,
        );
      }
    }
    signed.byChain.delete(c);
  };

  let batch = await fetchBatch(db, -1, '0', batchSize);
  while (batch.length > 0) {
    const last = batch[batch.length - 1];
    const next =
      batch.length === batchSize ? fetchBatch(db, last.chain, last.seq, batchSize) : null;
    // Let the next batch's query go out before this one is hashed.
    if (next) await new Promise((resolve) => setImmediate(resolve));
    for (const row of batch) {
      if (row.chain !== chain) {
        closeChain();
        chain = row.chain;
        previousHash = GENESIS_HASH;
        previousSeq = 0n;
        anchoredThrough = 0n;
        firstUnanchored = null;
      }
      const seq = BigInt(row.seq);
      if (seq > (headSeqOf.get(chain) ?? 0n)) continue;
      if (seq !== previousSeq + 1n) {
        flag(row.id, `chain ${chain}: seq ${seq} follows ${previousSeq}`);
      }
      if (row.prev_hash !== previousHash) {
        flag(row.id, `chain ${chain} seq ${seq}: prev_hash is not the previous event's hash`);
      }
      const expected = eventHash(previousHash, {
        id: row.id,
        chain: row.chain,
        seq: Number(seq),
        personId: row.person_id,
        location: row.location,
        kind: row.kind,
        occurredAt: row.occurred_at,
        recordedAt: row.recorded_at,
        source: row.source,
      });
      if (expected !== row.hash) {
        flag(row.id, `chain ${chain} seq ${seq}: hash does not match the stored content`);
      }
      firstUnanchored ??= row.id;
      const anchor = signed.byChain.get(chain)?.get(Number(seq));
      if (anchor && anchor.hash === row.hash) {
        anchoredThrough = seq;
        firstUnanchored = null;
      } else if (anchor) {
        flag(
          firstUnanchored,
          `chain ${chain}: rewritten between seq ${anchoredThrough + 1n} and ${seq}: ` +
            `checkpoint #${anchor.checkpointId} signed another hash for seq ${seq}`,
        );
      }
      previousHash = row.hash;
      previousSeq = seq;
      checked += 1;
    }
    batch = next ? await next : [];
  }
  closeChain();
  for (const head of headOf.values()) {
    if (head.head_seq !== '0')
      flag(null, `chain ${head.chain}: head row names events that are gone`);
  }
  for (const c of [...signed.byChain.keys()]) missingAnchors(c, 0n);
  if (signed.problem) flag(null, signed.problem);
  return {
    valid: problem === null,
    eventsChecked: checked,
    checkpointsChecked: signed.checked,
    firstInvalidEventId: firstInvalid,
    problem,
  };
}

import type { EntityManager } from 'typeorm';
import { eventHash, GENESIS_HASH } from '#libs/movement/chain.js';

type Queryable = Pick<EntityManager, 'query'>;

export interface LogVerificationResult {
  valid: boolean;
  eventsChecked: number;
  /** The first event, in (chain, seq) order, whose content or hash does not match. */
  firstInvalidEventId: string | null;
  /** Why the log is invalid, for the logs and the tests. */
  problem: string | null;
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

// Timestamps are read as text in the exact form the hash covers (toISOString()).
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

function fetchBatch(db: Queryable, chain: number, seq: string, limit: number): Promise<ChainRow[]> {
  return db.query(
    `SELECT e.id, e.chain, e.seq::text AS seq, e.person_id, e.location, e.kind,
            to_char(e.occurred_at AT TIME ZONE 'UTC', ${ISO}) AS occurred_at,
            to_char(e.recorded_at AT TIME ZONE 'UTC', ${ISO}) AS recorded_at,
            e.source, e.prev_hash, e.hash
     FROM movement.events e
     WHERE (e.chain, e.seq) > ($1::smallint, $2::bigint)
     ORDER BY e.chain, e.seq
     LIMIT $3`,
    [chain, seq, limit],
  );
}

/**
 * Recomputes every chain from its genesis, streaming: keyset batches in
 * (chain, seq) order, the next batch fetched while this one is hashed, so
 * memory stays flat over any size of log. An event is invalid when its seq
 * does not follow its predecessor's, its prev_hash is not its predecessor's
 * hash, or its hash is not SHA-256 over that and its stored content. The
 * walk then goes on from the stored hash, so one tampered row is named once.
 * Finally each chain's head row must name its last event (a removed tail).
 * Heads are read first and events appended after that are left for the next
 * run, so verifying while partners write gives no false alarm. Pass a
 * DataSource (not a transaction) so the next batch is read on another
 * connection while this one is hashed.
 */
export async function verifyMovementLog(
  db: Queryable,
  options: { batchSize?: number } = {},
): Promise<LogVerificationResult> {
  const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
  const heads: { chain: number; head_hash: string; head_seq: string }[] = await db.query(
    `SELECT c.chain, c.head_hash, c.head_seq::text AS head_seq FROM movement.chains c ORDER BY c.chain`,
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
  const closeChain = () => {
    if (chain < 0) return;
    const head = headOf.get(chain);
    if (!head || head.head_hash !== previousHash || BigInt(head.head_seq) !== previousSeq) {
      flag(null, `chain ${chain}: head row does not name its last event (seq ${previousSeq})`);
    }
    headOf.delete(chain);
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
  return {
    valid: problem === null,
    eventsChecked: checked,
    firstInvalidEventId: firstInvalid,
    problem,
  };
}

import assert from 'node:assert/strict';
import { createPublicKey, randomUUID, verify, type JsonWebKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { generateSecrets } from '#libs/common/secrets.js';
import { createDataSource } from '#libs/database/data-source.js';
import { eventHash } from '#libs/movement/chain.js';
import {
  CheckpointKeys,
  checkpointPayload,
  parseCheckpointPayload,
} from '#libs/movement/checkpoints.js';
import { verifyMovementLog } from '#libs/movement/verify.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';

/**
 * The movement log is anchored outside the database: someone holding the database alone
 * (its superuser, a restored backup) who rewrites an event and recomputes every hash
 * after it is caught by the signed checkpoints, through the gateway.
 */
const RECORD = `mutation($input: [RecordMovementInput!]!) { recordMovements(input: $input) { id hash } }`;
const CHECKPOINT = `mutation { checkpointMovementLog { id takenAt keyId payload signature } }`;
const VERIFY = `{ verifyMovementLog { valid eventsChecked firstInvalidEventId checkpointsChecked problem } }`;
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

interface Checkpoint {
  id: string;
  takenAt: string;
  keyId: string;
  payload: string;
  signature: string;
}
interface Verification {
  valid: boolean;
  eventsChecked: number;
  firstInvalidEventId: string | null;
  checkpointsChecked: number;
  problem: string | null;
}

interface StoredRow {
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

/**
 * What an attacker holding the database does: with the triggers off (replica mode, a
 * superuser's), change one event's location and recompute the hash of it and of every
 * later event of its chain, and the chain's head. Returns how to put everything back.
 */
async function rewriteAndRecompute(
  db: pg.Client,
  eventId: string,
  location: string,
): Promise<() => Promise<void>> {
  const rows = (
    await db.query<StoredRow>(
      `SELECT e.id, e.chain, e.seq::text AS seq, e.person_id, e.location, e.kind,
              to_char(e.occurred_at AT TIME ZONE 'UTC', ${ISO}) AS occurred_at,
              to_char(e.recorded_at AT TIME ZONE 'UTC', ${ISO}) AS recorded_at,
              e.source, e.prev_hash, e.hash
       FROM movement.events e JOIN movement.events t ON t.id = $1
       WHERE e.chain = t.chain AND e.seq >= t.seq ORDER BY e.seq`,
      [eventId],
    )
  ).rows;
  const write = async (changed: StoredRow[]) => {
    await db.query('BEGIN');
    await db.query(`SET LOCAL session_replication_role = replica`);
    for (const row of changed) {
      await db.query(
        `UPDATE movement.events SET location = $2, prev_hash = $3, hash = $4 WHERE id = $1`,
        [row.id, row.location, row.prev_hash, row.hash],
      );
    }
    const last = changed[changed.length - 1];
    await db.query(`UPDATE movement.chains SET head_hash = $2 WHERE chain = $1 AND head_seq = $3`, [
      last.chain,
      last.hash,
      last.seq,
    ]);
    await db.query('COMMIT');
  };
  let previous = rows[0].prev_hash;
  const forged = rows.map((row) => {
    const changed = { ...row, location: row.id === eventId ? location : row.location };
    const hash = eventHash(previous, {
      id: changed.id,
      chain: changed.chain,
      seq: Number(changed.seq),
      personId: changed.person_id,
      location: changed.location,
      kind: changed.kind,
      occurredAt: changed.occurred_at,
      recordedAt: changed.recorded_at,
      source: changed.source,
    });
    const result = { ...changed, prev_hash: previous, hash };
    previous = hash;
    return result;
  });
  await write(forged);
  return () => write(rows);
}

void describe('movement log checkpoints, through the gateway', () => {
  let system: RunningSystem;
  let db: pg.Client;
  let dir: string;
  let personId: string;
  const checkpointFile = () => path.join(dir, 'movement-checkpoint.json');

  const record = async (location: string, minutesAgo: number) => {
    const data = await system.admin.query<{ recordMovements: { id: string; hash: string }[] }>(
      RECORD,
      {
        input: [
          {
            id: randomUUID(),
            personId,
            location,
            kind: 'ENTRY',
            occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
          },
        ],
      },
    );
    return data.recordMovements[0];
  };
  const checkpoint = async () =>
    (await system.admin.query<{ checkpointMovementLog: Checkpoint }>(CHECKPOINT))
      .checkpointMovementLog;
  const verification = async () =>
    (await system.admin.query<{ verifyMovementLog: Verification }>(VERIFY)).verifyMovementLog;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'checkpoints-'));
    system = await startSystem({
      label: 'checkpoints',
      // Taken at start and on demand here; the regular ones would not come during the test.
      env: { MOVEMENT_CHECKPOINT_FILE: checkpointFile(), MOVEMENT_CHECKPOINT_MINUTES: '1440' },
    });
    db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    const org = await given(system).organisation();
    personId = (await given(system).person(org.id)).id;
  });
  after(async () => {
    await db?.end();
    await system?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  void it('signs the chain heads with a key the database does not hold, verifiable with the published keys', async () => {
    const [{ n: atStart }] = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM movement.checkpoints`)
    ).rows;
    assert.ok(atStart >= 1, 'a checkpoint is taken when the service starts');
    await record('ROOM-101', 30);
    const last = await record('ROOM-101', 20);
    const taken = await checkpoint();

    const { movementLogCheckpointKeys } = await system.admin.query<{
      movementLogCheckpointKeys: string;
    }>(`{ movementLogCheckpointKeys }`);
    const keys = (
      JSON.parse(movementLogCheckpointKeys) as { keys: (JsonWebKey & { kid: string })[] }
    ).keys;
    const jwk = keys.find((k) => k.kid === taken.keyId);
    assert.ok(jwk, 'the signing key is published');
    assert.equal(jwk.d, undefined, 'only the public part is published');
    assert.ok(
      verify(
        null,
        Buffer.from(taken.payload),
        createPublicKey({ key: jwk, format: 'jwk' }),
        Buffer.from(taken.signature, 'base64url'),
      ),
    );
    const content = parseCheckpointPayload(taken.payload);
    assert.ok(
      content?.heads.some((h) => h.hash === last.hash),
      'the heads include the last event',
    );
    // The private key is the movement service's configuration, not the database's.
    const privateKey = (JSON.parse(system.env.MOVEMENT_CHECKPOINT_KEY) as { d: string }).d;
    const [{ found }] = (
      await db.query<{ found: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM movement.checkpoints WHERE payload || key_id || signature LIKE '%' || $1 || '%') AS found`,
        [privateKey],
      )
    ).rows;
    assert.equal(found, false);
    // The latest checkpoint is also kept outside the database.
    assert.deepEqual(JSON.parse(await readFile(checkpointFile(), 'utf8')), {
      id: taken.id,
      payload: taken.payload,
      keyId: taken.keyId,
      signature: taken.signature,
    });
    const verified = await verification();
    assert.equal(verified.problem, null);
    assert.equal(verified.valid, true);
    assert.ok(verified.checkpointsChecked >= 2);
  });

  void it('names the event that someone holding the database rewrote, every later hash recomputed', async () => {
    await record('ROOM-202', 50);
    await checkpoint();
    const victim = await record('ROOM-202', 40);
    await record('ROOM-202', 35);
    await checkpoint();
    await record('ROOM-202', 30);

    const restore = await rewriteAndRecompute(db, victim.id, 'ROOM-999');
    try {
      // The hashes alone agree: the rewrite is consistent, only the checkpoints can tell.
      const direct = await createDataSource({
        url: system.databaseUrl,
        applicationName: 'test-checkpoints',
        entities: [],
        poolSize: 2,
      }).initialize();
      const unanchored = await verifyMovementLog(direct).finally(() => direct.destroy());
      assert.equal(unanchored.valid, true, String(unanchored.problem));

      const verified = await verification();
      assert.equal(verified.valid, false);
      assert.equal(verified.firstInvalidEventId, victim.id);
      assert.match(
        String(verified.problem),
        /rewritten between seq \d+ and \d+: checkpoint #\d+ signed another hash/,
      );
    } finally {
      await restore();
    }
    assert.equal((await verification()).valid, true);
  });

  void it('catches the newest checkpoints deleted from the database by the copy kept outside it', async () => {
    await record('ROOM-303', 50);
    await checkpoint();
    const victim = await record('ROOM-303', 40);
    const newest = await checkpoint();
    // The attacker removes the checkpoint that covers the victim, then rewrites it.
    const removed = (
      await db.query<Record<string, unknown>>(
        `SELECT * FROM movement.checkpoints WHERE id >= $1 ORDER BY id`,
        [newest.id],
      )
    ).rows;
    const deleteNewest = async () => {
      await db.query('BEGIN');
      await db.query(`SET LOCAL session_replication_role = replica`);
      await db.query(`DELETE FROM movement.checkpoints WHERE id >= $1`, [newest.id]);
      await db.query('COMMIT');
    };
    await deleteNewest();
    const restore = await rewriteAndRecompute(db, victim.id, 'ROOM-998');
    try {
      const verified = await verification();
      assert.equal(verified.valid, false);
      // The first problem found is the rewrite, named through the outside copy's heads.
      assert.equal(verified.firstInvalidEventId, victim.id);
      await restore();
      const missing = await verification();
      assert.equal(missing.valid, false);
      assert.equal(missing.firstInvalidEventId, null);
      assert.match(
        String(missing.problem),
        new RegExp(`checkpoint #${newest.id}, kept outside the database, is missing`),
      );
    } finally {
      await restore();
      for (const row of removed) {
        await db.query(
          `INSERT INTO movement.checkpoints (id, taken_at, payload, key_id, signature)
           OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5)`,
          [row.id, row.taken_at, row.payload, row.key_id, row.signature],
        );
      }
    }
    assert.equal((await verification()).valid, true);
  });

  void it('trusts no checkpoint that a key of its own did not sign', async () => {
    await record('ROOM-404', 10);
    const real = await checkpoint();
    const content = parseCheckpointPayload(real.payload);
    assert.ok(content);
    // A checkpoint made by the attacker with a key of theirs, under the real key's name.
    const forger = CheckpointKeys.fromJwks((await generateSecrets()).MOVEMENT_CHECKPOINT_KEY);
    const forgedPayload = checkpointPayload({
      takenAt: new Date().toISOString(),
      heads: content.heads.map((h) => ({ ...h, hash: 'f'.repeat(64) })),
    });
    const [{ id }] = (
      await db.query<{ id: string }>(
        `INSERT INTO movement.checkpoints (taken_at, payload, key_id, signature)
         VALUES (now(), $1, $2, $3) RETURNING id::text AS id`,
        [forgedPayload, real.keyId, forger.sign(forgedPayload)],
      )
    ).rows;
    try {
      const verified = await verification();
      assert.equal(verified.valid, false);
      assert.match(
        String(verified.problem),
        new RegExp(`checkpoint #${id}: its signature does not verify`),
      );
      assert.equal(verified.firstInvalidEventId, null);
    } finally {
      await db.query('BEGIN');
      await db.query(`SET LOCAL session_replication_role = replica`);
      await db.query(`DELETE FROM movement.checkpoints WHERE id = $1`, [id]);
      await db.query('COMMIT');
    }
    assert.equal((await verification()).valid, true);
  });

  void it('lets only ADMIN take a checkpoint', async () => {
    const tracer = await given(system).user(['TRACER']);
    const errors = await tracer.errors(CHECKPOINT);
    assert.equal(errors[0].extensions?.code, 'FORBIDDEN');
    const errorsAnonymous = await system.anonymous.errors(CHECKPOINT);
    assert.equal(errorsAnonymous[0].extensions?.code, 'UNAUTHENTICATED');
  });
});

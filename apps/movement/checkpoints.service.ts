import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CheckpointKeys,
  takeCheckpoint,
  type SignedCheckpoint,
} from '#libs/movement/checkpoints.js';
import type { CheckpointAnchors } from '#libs/movement/verify.js';
import { MovementConfig } from '#apps/movement/movement.config.js';
import type { MovementLogCheckpoint } from '#apps/movement/movement.types.js';

/**
 * Anchors the log outside the database: every MOVEMENT_CHECKPOINT_MINUTES (when the
 * heads moved), on demand (checkpointMovementLog) and at shutdown, the chain heads are
 * signed with the service's key and appended to movement.checkpoints. The latest
 * checkpoint is also written to the log and to MOVEMENT_CHECKPOINT_FILE, so deleting
 * the newest checkpoints from the database is detected too.
 */
@Injectable()
export class CheckpointsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private readonly keys: CheckpointKeys;
  private timer: NodeJS.Timeout | null = null;
  // One checkpoint at a time in this process: the file always holds the newest.
  private taking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: MovementConfig,
  ) {
    this.keys = CheckpointKeys.fromJwks(
      config.MOVEMENT_CHECKPOINT_KEY,
      config.MOVEMENT_CHECKPOINT_PREVIOUS_KEYS,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.regularly();
    this.timer = setInterval(
      () => void this.regularly(),
      this.config.MOVEMENT_CHECKPOINT_MINUTES * 60_000,
    );
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.regularly();
  }

  /** The JWK Set of the keys that verify checkpoints (the current one and earlier ones). */
  publicKeySet(): string {
    return JSON.stringify({ keys: this.keys.publicJwks() });
  }

  /** Signs the heads now, whether or not they moved. */
  take(): Promise<MovementLogCheckpoint> {
    return this.serialised(async () => {
      const checkpoint = await takeCheckpoint(this.dataSource, this.keys);
      if (!checkpoint) throw new Error('a forced checkpoint is always taken');
      await this.keepOutside(checkpoint);
      return checkpoint;
    });
  }

  /** What verifyMovementLog checks the chains against. */
  async anchors(): Promise<CheckpointAnchors> {
    return { keys: this.keys, outside: await this.readOutside() };
  }

  private async regularly(): Promise<void> {
    try {
      await this.serialised(async () => {
        const checkpoint = await takeCheckpoint(this.dataSource, this.keys, {
          onlyIfChanged: true,
        });
        if (checkpoint) await this.keepOutside(checkpoint);
      });
    } catch (error) {
      this.logger.error(`could not take a checkpoint of the movement log: ${String(error)}`);
    }
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.taking.then(work, work);
    this.taking = next.catch(() => undefined);
    return next;
  }

  private async keepOutside(checkpoint: SignedCheckpoint): Promise<void> {
    const copy = {
      id: checkpoint.id,
      payload: checkpoint.payload,
      keyId: checkpoint.keyId,
      signature: checkpoint.signature,
    };
    // The log line is an anchor too, once logs are shipped off the host.
    this.logger.log({ msg: 'movement log checkpoint', checkpoint: copy });
    const file = this.config.MOVEMENT_CHECKPOINT_FILE;
    if (!file) return;
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(copy), { mode: 0o600 });
    await rename(temporary, file);
  }

  private async readOutside(): Promise<SignedCheckpoint | null> {
    const file = this.config.MOVEMENT_CHECKPOINT_FILE;
    if (!file || !existsSync(file)) return null;
    let copy: SignedCheckpoint;
    try {
      copy = JSON.parse(await readFile(file, 'utf8')) as SignedCheckpoint;
    } catch {
      // Verification then names it: no checkpoint of the database has this id.
      return { id: `unreadable (${file})`, payload: '', keyId: '', signature: '' };
    }
    return {
      id: String(copy.id),
      payload: String(copy.payload),
      keyId: String(copy.keyId),
      signature: String(copy.signature),
    };
  }
}

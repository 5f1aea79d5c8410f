import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { awaitedLater } from '#libs/common/awaited-later.js';

/**
 * An import's statements on its transaction's one connection, one after another: each is
 * sent as soon as the previous one ends, while the caller prepares the next (reads and
 * validates rows, builds parameters), so the database does not wait for it. A statement
 * in flight may fail while the caller awaits other work (a document number registered
 * meanwhile): it is marked handled when sent, and its failure comes out of the next
 * `send` or of `done`, not as an unhandled rejection, which would end the process.
 */
export class StatementsInTurn {
  private inFlight: Promise<unknown> | null = null;

  constructor(private readonly manager: Pick<EntityManager, 'query'>) {}

  /** Waits for the statement in flight, sends this one and lets it leave before returning. */
  async send(sql: string, parameters: unknown[]): Promise<void> {
    await this.inFlight;
    this.inFlight = awaitedLater(this.manager.query(sql, parameters));
    await nextTurn();
  }

  /** Waits for the statement in flight, if any. */
  async done(): Promise<void> {
    await this.inFlight;
  }
}

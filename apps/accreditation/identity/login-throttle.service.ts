import { Injectable } from '@nestjs/common';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { DomainError } from '#libs/common/errors.js';

const WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins allowed per account in the window. */
export const FAILURES_PER_ACCOUNT = 10;
/** Per client address: higher, since the staff of one venue share an address. */
export const FAILURES_PER_ADDRESS = 100;

/**
 * Limits sign-in attempts per account and per client address. Counters live
 * in PostgreSQL (identity.login_failures), so every instance sees the same.
 * An attempt takes its point atomically (one upsert) *before* the password is
 * checked, so parallel attempts cannot all read "not blocked yet" and slip
 * past the limit; a successful sign-in gives the points back. Once a limit is
 * used up, sign-in is refused until the window passes, even with the right
 * password.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;

  constructor(dataSource: DataSource) {
    const common = {
      storeClient: dataSource,
      storeType: 'typeorm',
      schemaName: 'identity',
      tableName: 'login_failures',
      tableCreated: true,
      duration: WINDOW_SECONDS,
    };
    this.perAccount = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'account',
      points: FAILURES_PER_ACCOUNT,
    });
    this.perAddress = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'address',
      points: FAILURES_PER_ADDRESS,
    });
  }

  private static accountKey(email: string): string {
    return email.trim().toLowerCase();
  }

  /**
   * Takes one attempt from the account's and the address's limits, before the
   * password is checked. Throws while either is used up; a store failure is
   * thrown too (no attempt is checked uncounted).
   */
  async takeAttempt(email: string, address: string | null): Promise<void> {
    const outcomes = await Promise.allSettled([
      this.perAccount.consume(LoginThrottle.accountKey(email), 1),
      address ? this.perAddress.consume(address, 1) : Promise.resolve(null),
    ]);
    const blocked: RateLimiterRes[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') continue;
      if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
      blocked.push(outcome.reason);
    }
    if (blocked.length === 0) return;
    const retryAfterSeconds = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
    throw new DomainError(
      'UNAUTHENTICATED',
      `Too many failed sign-ins: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
      { retryAfterSeconds },
    );
  }

  /** A successful sign-in clears the account's count and gives the address its point back. */
  async recordSuccess(email: string, address: string | null): Promise<void> {
    await Promise.all([
      this.perAccount.delete(LoginThrottle.accountKey(email)),
      address ? this.perAddress.reward(address, 1) : Promise.resolve(),
    ]);
  }
}

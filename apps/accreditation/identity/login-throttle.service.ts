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
 * Limits failed sign-ins per account and per client address. Counters live
 * in PostgreSQL (identity.login_failures), so every instance sees the same.
 * Once a limit is reached, sign-in is refused until the window passes, even
 * with the right password.
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

  /** Throws while either limit is used up. */
  async assertAllowed(email: string, address: string | null): Promise<void> {
    const [account, client] = await Promise.all([
      this.perAccount.get(LoginThrottle.accountKey(email)),
      address ? this.perAddress.get(address) : Promise.resolve(null),
    ]);
    const blocked = [
      account && account.consumedPoints >= FAILURES_PER_ACCOUNT ? account : null,
      client && client.consumedPoints >= FAILURES_PER_ADDRESS ? client : null,
    ].filter((r): r is RateLimiterRes => r !== null);
    if (blocked.length === 0) return;
    const retryAfterSeconds = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
    throw new DomainError(
      'UNAUTHENTICATED',
      `Too many failed sign-ins: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
      { retryAfterSeconds },
    );
  }

  async recordFailure(email: string, address: string | null): Promise<void> {
    const consume = (limiter: RateLimiterPostgres, key: string) =>
      limiter.penalty(key, 1).catch(() => undefined);
    await Promise.all([
      consume(this.perAccount, LoginThrottle.accountKey(email)),
      address ? consume(this.perAddress, address) : Promise.resolve(),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(LoginThrottle.accountKey(email));
  }
}

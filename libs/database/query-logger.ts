import type { Logger as PinoLogger } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { safeError } from '#libs/common/logger.js';

/**
 * TypeORM's log lines through pino: a failed or slow statement is logged with
 * its SQL ($n placeholders) and the number of parameters, never their values
 * (passport numbers, API-key hashes, emails).
 */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly logger: PinoLogger) {}

  logQuery(): void {
    // Successful statements are not logged.
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    this.logger.warn(
      { err: safeError(error), query, parameterCount: parameters?.length ?? 0 },
      'query failed',
    );
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[]): void {
    this.logger.warn({ ms: time, query, parameterCount: parameters?.length ?? 0 }, 'slow query');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message: String(message) }, 'typeorm');
  }
}

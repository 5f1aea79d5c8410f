import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { gatewayProofMiddleware } from '#libs/auth/gateway-proof.middleware.js';
import { appName, logCrashes } from '#libs/common/crash.js';
import { createLogger } from '#libs/common/logger.js';
import { onStop } from '#libs/common/stop-signals.js';
import type { ServiceConfig } from '#libs/common/service-config.js';
import { assertMigrated } from '#libs/database/migrate.js';
import { flushTracing } from '#libs/telemetry/tracing.js';
import { createValidationPipe } from '#libs/graphql/validation.pipe.js';

export const SUBGRAPH_BODY_LIMIT = '20mb';

/**
 * Creates and starts one service on config.PORT, once the database is migrated: a
 * service logs in as its own role, which cannot migrate (the owner role does, before).
 */
export async function startService(
  rootModule: DynamicModule,
  config: ServiceConfig,
): Promise<INestApplication> {
  await assertMigrated(config.DATABASE_URL);
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    bufferLogs: true,
    // Kept so the gateway's proof can be checked against the very bytes it signed.
    rawBody: true,
  });
  // A service answers the gateway's POSTs, which never ask again with If-None-Match: an ETag
  // (a SHA-1 of every answer, ~1 ms for a contact trace with its encounters) is never used.
  app.set('etag', false);
  const logger = app.get(Logger);
  // Only the gateway may call a service: its proof is checked before the body is read, and the
  // body against the proof once read.
  const proof = gatewayProofMiddleware(config.GATEWAY_SECRET, {
    warn: (details: object, message: string) => logger.warn(details, message),
  });
  app.use(proof.beforeBody);
  // The gateway enforces the public request limits; a CSV import reaches a subgraph at ~15 MB.
  app.useBodyParser('json', { limit: SUBGRAPH_BODY_LIMIT });
  app.use(proof.afterBody);
  app.useLogger(logger);
  app.useGlobalPipes(createValidationPipe());
  await app.listen(config.PORT, config.HOST);
  return app;
}

/**
 * Entry point of a service's main.ts: start; on a stop (signal or parent gone) close the app
 * (and its pool) and send the last spans, or exit at once when it has not started yet; exit
 * with a message on failure.
 */
export async function bootstrapFromEnvironment(
  rootModule: DynamicModule,
  config: ServiceConfig,
): Promise<void> {
  logCrashes(createLogger(appName()));
  let app: INestApplication | null = null;
  onStop(async () => {
    try {
      await app?.close();
    } finally {
      await flushTracing();
    }
  });
  try {
    app = await startService(rootModule, config);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { closeOnSignals } from '#libs/common/bootstrap.js';
import { loadConfig } from '#libs/common/config.js';
import { runMigrations } from '#libs/database/migrate.js';
import { createValidationPipe } from '#libs/graphql/validation.pipe.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';
import { AccreditationAppModule } from '#apps/accreditation/accreditation.module.js';

/**
 * A JSON body as large as importPeople needs: 100,000 people are about 12 MB
 * of CSV (the import itself refuses a CSV over 16 MB with BAD_USER_INPUT).
 * Nest's default is 100 kB.
 */
export const ACCREDITATION_BODY_LIMIT = '20mb';

// As bootstrapFromEnvironment (libs/common/bootstrap.ts), plus the body limit,
// which must be set before the GraphQL module installs the default JSON parser.
const config = loadConfig(AccreditationConfig);
try {
  await runMigrations(config.DATABASE_URL);
  const app = await NestFactory.create<NestExpressApplication>(
    AccreditationAppModule.forRoot(config),
    {
      bufferLogs: true,
    },
  );
  app.useBodyParser('json', { limit: ACCREDITATION_BODY_LIMIT });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  await app.listen(config.PORT, config.HOST);
  closeOnSignals(app);
} catch (error) {
  console.error(error);
  process.exit(1);
}

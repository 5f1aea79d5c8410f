import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { EntitySchema, MixedList } from 'typeorm';
import { ServiceConfig } from '#libs/common/service-config.js';
import { createLogger } from '#libs/common/logger.js';
import { ALL_MIGRATIONS } from '#libs/database/migrations.js';
import { QueryLogger } from '#libs/database/query-logger.js';

/** The service's connection pool to PostgreSQL, for its own entities. */
@Module({})
export class DatabaseModule {
  static forService(
    applicationName: string,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: MixedList<Function | string | EntitySchema>,
  ): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ServiceConfig],
          useFactory: (config: ServiceConfig) => ({
            type: 'postgres',
            url: config.DATABASE_URL,
            applicationName,
            entities,
            migrations: ALL_MIGRATIONS,
            migrationsTableName: 'schema_migrations',
            synchronize: false,
            migrationsRun: false,
            // Failed statements are logged, without their parameters.
            logging: ['error', 'warn'],
            logger: new QueryLogger(createLogger(applicationName)),
            poolSize: config.DB_POOL_SIZE,
            extra: { options: '-c jit=off', connectionTimeoutMillis: 10_000 },
          }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}

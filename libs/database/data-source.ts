import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { ALL_MIGRATIONS } from '#libs/database/migrations.js';

export interface DataSourceOptions {
  url: string;
  /** Shown in pg_stat_activity, so each service's connections can be told apart. */
  applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  poolSize?: number;
  logging?: boolean;
}

/**
 * A TypeORM data source over node-postgres. The schema is only ever changed by
 * the reviewed migrations under migrations/ (synchronize stays off).
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
    poolSize: options.poolSize ?? 10,
    extra: {
      // JIT planning costs more than it saves on our short, index-driven queries.
      options: '-c jit=off',
      connectionTimeoutMillis: 10_000,
    },
  });
}

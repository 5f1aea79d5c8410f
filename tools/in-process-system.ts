import path from 'node:path';
import { fetchAsGateway } from '#libs/auth/gateway-proof.js';
import { spawnService, waitForHealthy } from '#libs/common/child-service.js';
import { loadConfig } from '#libs/common/config.js';
import { portAllocator } from '#libs/common/net.js';
import { REPO_ROOT } from '#tools/paths.js';
import { generateSecrets } from '#libs/common/secrets.js';
import { runMigrations } from '#libs/database/migrate.js';
import {
  databaseUrlVariable,
  generateRolePasswords,
  provisionDatabase,
  serviceDatabaseEnvironment,
  type DatabaseRoles,
} from '#libs/database/roles.js';
import { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { startGateway, type RunningGateway } from '#apps/gateway/gateway.server.js';
import { createTestDatabase } from '#test/support/database.js';
import { GraphQLClient } from '#test/support/graphql-client.js';

export type SubgraphUrls = { accreditation: string; inspection: string; movement: string };

export const ADMIN_EMAIL = 'admin@games.test';
export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface RunningSystem {
  /** The gateway's GraphQL endpoint. */
  url: string;
  gatewayPort: number;
  subgraphUrls: SubgraphUrls;
  /** The server's superuser on the system's database: for seeding, inspecting, tampering. */
  databaseUrl: string;
  /** The URL of each role: the owner that migrated, and the one each service logs in as. */
  databaseRoles: DatabaseRoles;
  /** A client signed in as the first ADMIN. */
  admin: GraphQLClient;
  /** A client with no credentials. */
  anonymous: GraphQLClient;
  env: Record<string, string>;
  /**
   * The services' domain clock (libs/common/clock.ts), moved through the test-only
   * control every test system has (TEST_CLOCK_CONTROL): advance by ms, or set to an
   * instant; answers the clock's new time. Request proofs keep the real time.
   */
  clock: {
    advance(ms: number): Promise<Date>;
    set(at: Date): Promise<Date>;
  };
  stop(): Promise<void>;
}

/** Moves the clock of every subgraph (POST /test/clock, signed as the gateway signs). */
export async function moveClocks(
  secret: string,
  urls: SubgraphUrls,
  body: { advanceMs: number } | { at: string },
): Promise<Date> {
  const answers = await Promise.all(
    Object.values(urls).map(async (graphql) => {
      const response = await fetchAsGateway(
        secret,
        new URL('/test/clock', graphql).toString(),
        JSON.stringify(body),
      );
      if (!response.ok) throw new Error(`clock control answered ${response.status}`);
      return ((await response.json()) as { now: string }).now;
    }),
  );
  return new Date(answers[0]);
}

export interface SystemOptions {
  /** Label of the test file, for its database's name. */
  label: string;
  /** Extra environment for the services (e.g. TEST_INTERVAL_HOURS). */
  env?: Record<string, string>;
  /** Extra configuration of the gateway (e.g. TRUST_PROXY, CORS_ORIGINS). */
  gatewayEnv?: Record<string, string>;
  /** Use this database (a superuser's URL) instead of creating a fresh one; its roles are (re)made. */
  databaseUrl?: string;
  /** Path of the supergraph to serve (a freshly composed one, say). */
  supergraphPath?: string;
  /** Receives what the services write to their standard output (their logs). */
  onOutput?: (chunk: string) => void;
}

/**
 * The three subgraphs, each in a process of its own as in production (the
 * code-first schema metadata of NestJS is process-global, so two subgraphs
 * cannot share a process), against an already migrated database. Each logs in
 * with `<SERVICE>_DATABASE_URL` from env when given (its own role), else DATABASE_URL.
 */
export async function startSubgraphs(
  env: Record<string, string>,
  onOutput?: (chunk: string) => void,
): Promise<{ urls: SubgraphUrls; close(): Promise<void> }> {
  const names = ['accreditation', 'inspection', 'movement'] as const;
  const nextPort = portAllocator();
  const ports: number[] = [];
  while (ports.length < names.length) ports.push(await nextPort());
  const services = names.map((name, i) =>
    spawnService(
      name,
      path.join(REPO_ROOT, `dist/apps/${name}/main.js`),
      { ...env, ...serviceDatabaseEnvironment(name, env), PORT: String(ports[i]) },
      true,
      onOutput,
    ),
  );
  const close = async () => {
    await Promise.all(services.map((s) => s.stop()));
  };
  try {
    await Promise.all(
      services.map((s, i) => waitForHealthy(`http://127.0.0.1:${ports[i]}/health`, s)),
    );
  } catch (error) {
    await close();
    throw error;
  }
  const url = (i: number) => `http://127.0.0.1:${ports[i]}/graphql`;
  return { urls: { accreditation: url(0), inspection: url(1), movement: url(2) }, close };
}

/** Each service's own role, as `<SERVICE>_DATABASE_URL` (startSubgraphs hands each only its own). */
export function roleEnvironment(roles: DatabaseRoles): Record<string, string> {
  return {
    [databaseUrlVariable('accreditation')]: roles.accreditation,
    [databaseUrlVariable('inspection')]: roles.inspection,
    [databaseUrlVariable('movement')]: roles.movement,
  };
}

/** Environment for in-process services on the given database, with fresh secrets. */
export async function serviceEnvironment(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  return {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    DB_POOL_SIZE: '10',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ...(await generateSecrets()),
    ...extra,
  };
}

/**
 * The whole system in this process, on a database of its own: migrations,
 * the three subgraphs and the gateway, each on a free port; the first ADMIN
 * signed in. Tests talk to it only through the gateway.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const database = options.databaseUrl
    ? {
        url: options.databaseUrl,
        roles: await provisionDatabase(options.databaseUrl, generateRolePasswords()),
        drop: () => Promise.resolve(),
      }
    : await createTestDatabase(options.label);
  process.env.LOG_LEVEL ??= 'error';
  const env = await serviceEnvironment(database.url, {
    // Tests make people with portraits where approval is what they test (see photos.e2e-spec.ts).
    PORTRAIT_REQUIRED_FOR_APPROVAL: 'false',
    ...roleEnvironment(database.roles),
    // A system started as production has none (the services refuse it there).
    ...(options.env?.NODE_ENV === 'production' ? {} : { TEST_CLOCK_CONTROL: 'on' }),
    ...options.env,
  });
  let subgraphs: Awaited<ReturnType<typeof startSubgraphs>> | undefined;
  let gateway: RunningGateway | undefined;
  try {
    await runMigrations(database.roles.owner);
    subgraphs = await startSubgraphs(env, options.onOutput);
    const subgraphUrls = subgraphs.urls;
    gateway = await startGateway(
      loadConfig(GatewayConfig, {
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: env.NODE_ENV,
        GATEWAY_SECRET: env.GATEWAY_SECRET,
        ACCREDITATION_URL: subgraphUrls.accreditation,
        INSPECTION_URL: subgraphUrls.inspection,
        MOVEMENT_URL: subgraphUrls.movement,
        ...(options.supergraphPath ? { SUPERGRAPH_PATH: options.supergraphPath } : {}),
        // As the deployed gateway reads it (a benchmark compares both settings with it).
        ...(process.env.FORWARD_WHOLE_OPERATIONS
          ? { FORWARD_WHOLE_OPERATIONS: process.env.FORWARD_WHOLE_OPERATIONS }
          : {}),
        ...options.gatewayEnv,
      }),
    );
    const url = `http://127.0.0.1:${gateway.port}/graphql`;
    const anonymous = new GraphQLClient(url);
    const admin = await anonymous.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const running = gateway;
    const runningSubgraphs = subgraphs;
    return {
      url,
      gatewayPort: gateway.port,
      subgraphUrls,
      databaseUrl: database.url,
      databaseRoles: database.roles,
      admin,
      anonymous,
      env,
      clock: {
        advance: (ms) => moveClocks(env.GATEWAY_SECRET, subgraphUrls, { advanceMs: ms }),
        set: (at) => moveClocks(env.GATEWAY_SECRET, subgraphUrls, { at: at.toISOString() }),
      },
      stop: async () => {
        await running.close();
        await runningSubgraphs.close();
        await database.drop();
      },
    };
  } catch (error) {
    await gateway?.close();
    await subgraphs?.close();
    await database.drop();
    throw error;
  }
}

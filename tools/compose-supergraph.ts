import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '#libs/database/embedded.js';
import { runMigrations } from '#libs/database/migrate.js';
import { generateRolePasswords, provisionDatabase } from '#libs/database/roles.js';
import { composeSupergraph } from '#tools/composition.js';
import { roleEnvironment, serviceEnvironment, startSubgraphs } from '#tools/in-process-system.js';
import { REPO_ROOT } from '#tools/paths.js';

/**
 * `npm run compose`: starts the three subgraphs from the code (on the
 * database DATABASE_URL names, a superuser's URL of a scratch database whose
 * roles it makes, or a throw-away embedded one), composes their
 * SDL and writes schema/supergraph.graphql (what the gateway serves) and
 * schema/api.graphql (the public schema clients see). Both are committed.
 */
process.env.LOG_LEVEL ??= 'error';
const tmp = process.env.DATABASE_URL ? null : await mkdtemp(path.join(os.tmpdir(), 'compose-'));
const pg = tmp ? await startEmbeddedPostgres(tmp) : null;
const databaseUrl = process.env.DATABASE_URL ?? pg?.url ?? '';
try {
  const roles = await provisionDatabase(databaseUrl, generateRolePasswords());
  await runMigrations(roles.owner);
  const env = await serviceEnvironment(databaseUrl, roleEnvironment(roles));
  const subgraphs = await startSubgraphs(env);
  try {
    const { supergraphSdl, publicSdl } = await composeSupergraph(
      Object.entries(subgraphs.urls).map(([name, url]) => ({ name, url })),
      env.GATEWAY_SECRET,
    );
    await writeFile(path.join(REPO_ROOT, 'schema/supergraph.graphql'), supergraphSdl);
    await writeFile(path.join(REPO_ROOT, 'schema/api.graphql'), publicSdl);
    console.log('wrote schema/supergraph.graphql and schema/api.graphql');
  } finally {
    await subgraphs.close();
  }
} finally {
  await pg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
}

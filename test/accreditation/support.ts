import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '#libs/common/config.js';
import { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { DEFAULT_SUPERGRAPH_PATH, startGateway } from '#apps/gateway/gateway.server.js';
import { startSystem, type RunningSystem, type SystemOptions } from '#tools/in-process-system.js';
import { composeSupergraph } from '#tools/composition.js';
import { GraphQLClient } from '#test/support/graphql-client.js';

/**
 * The whole system for accreditation tests. Until the committed supergraph
 * has caught up with this service's schema (importPeople, cardDenyList), the
 * tests talk to a second gateway serving a supergraph composed from the
 * running subgraphs; once it has, they use the system's own gateway.
 */
export async function startAccreditationSystem(options: SystemOptions): Promise<RunningSystem> {
  const system = await startSystem(options);
  const committed = await readFile(DEFAULT_SUPERGRAPH_PATH, 'utf8');
  if (committed.includes('importPeople') && committed.includes('cardDenyList')) return system;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'accreditation-supergraph-'));
  try {
    const all = Object.entries(system.subgraphUrls).map(([name, url]) => ({ name, url }));
    // While another service's schema is mid-change and does not compose, this
    // service's own subgraph alone is enough for these tests.
    const { supergraphSdl } = await composeSupergraph(all).catch(() =>
      composeSupergraph(all.filter((s) => s.name === 'accreditation')),
    );
    const supergraphPath = path.join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, supergraphSdl);
    const gateway = await startGateway(
      loadConfig(GatewayConfig, {
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        ACCREDITATION_URL: system.subgraphUrls.accreditation,
        INSPECTION_URL: system.subgraphUrls.inspection,
        MOVEMENT_URL: system.subgraphUrls.movement,
        SUPERGRAPH_PATH: supergraphPath,
      }),
    );
    const url = `http://127.0.0.1:${gateway.port}/graphql`;
    return {
      ...system,
      url,
      gatewayPort: gateway.port,
      admin: new GraphQLClient(url, system.admin.token),
      anonymous: new GraphQLClient(url),
      stop: async () => {
        await gateway.close();
        await system.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await system.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A direct connection to the system's database, for what the API does not show. */
export async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

export const CSV_HEADER =
  'givenName,familyName,dateOfBirth,nationality,function,documentNumber,category,venues,zones,validFrom,validUntil';

/** One CSV line of a valid person, with overrides by column. */
export function csvRow(documentNumber: string, overrides: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    givenName: 'Lin',
    familyName: `Importer${documentNumber}`,
    dateOfBirth: '1999-03-04',
    nationality: 'CHN',
    function: 'Athlete',
    documentNumber,
    category: 'Aa',
    venues: 'NST;BIA',
    zones: '1;2',
    validFrom: '2026-01-20T00:00:00Z',
    validUntil: '2026-03-20T00:00:00Z',
    ...overrides,
  };
  return CSV_HEADER.split(',')
    .map((column) => values[column])
    .join(',');
}

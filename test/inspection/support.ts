import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '#libs/common/config.js';
import { runMigrations } from '#libs/database/migrate.js';
import { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { startGateway } from '#apps/gateway/gateway.server.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  serviceEnvironment,
  startSubgraphs,
  type RunningSystem,
} from '#tools/in-process-system.js';
import { fetchSubgraphSdl } from '#tools/composition.js';
import { createTestDatabase } from '#test/support/database.js';
import { given } from '#test/support/given.js';
import { GraphQLClient } from '#test/support/graphql-client.js';

/**
 * The whole system like tools/in-process-system's startSystem, but served
 * with a supergraph composed from the code as it is now (the committed one
 * may lag behind this service's newest operations).
 */
export async function startInspectionSystem(options: {
  label: string;
  env?: Record<string, string>;
  databaseUrl?: string;
}): Promise<RunningSystem> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => Promise.resolve() }
    : await createTestDatabase(options.label);
  process.env.LOG_LEVEL ??= 'error';
  const env = await serviceEnvironment(database.url, options.env);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'inspection-supergraph-'));
  let subgraphs: Awaited<ReturnType<typeof startSubgraphs>> | undefined;
  let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
  try {
    await runMigrations(database.url);
    subgraphs = await startSubgraphs(env);
    const urls = subgraphs.urls;
    const services = await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        const sdl = await fetchSubgraphSdl(url);
        return { name, url, typeDefs: parse(sdl) };
      }),
    );
    const composed = composeServices(services);
    if (composed.errors?.length || !composed.supergraphSdl) {
      throw new Error(
        `Composition failed:\n${(composed.errors ?? []).map((e) => e.message).join('\n')}`,
      );
    }
    const supergraphPath = path.join(tmp, 'supergraph.graphql');
    await writeFile(supergraphPath, composed.supergraphSdl);
    gateway = await startGateway(
      loadConfig(GatewayConfig, {
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: env.NODE_ENV,
        ACCREDITATION_URL: urls.accreditation,
        INSPECTION_URL: urls.inspection,
        MOVEMENT_URL: urls.movement,
        SUPERGRAPH_PATH: supergraphPath,
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
      subgraphUrls: urls,
      databaseUrl: database.url,
      admin,
      anonymous,
      env,
      stop: async () => {
        await running.close();
        await runningSubgraphs.close();
        await database.drop();
        await rm(tmp, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await gateway?.close();
    await subgraphs?.close();
    await database.drop();
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

export const CHECK_IN_FIELDS = `id decision reasons replayed conflict deviceDecision direction scannedAt recordedAt
  area { code } person { id }`;

export interface CheckInView {
  id: string;
  decision: 'ADMITTED' | 'DENIED';
  reasons: string[];
  replayed: boolean;
  conflict: boolean;
  deviceDecision: string | null;
  direction: string;
  scannedAt: string;
  recordedAt: string;
  area: { code: string };
  person: { id: string } | null;
}

export type ScanInput = {
  id?: string;
  areaCode: string;
  direction?: 'IN' | 'OUT';
  cardNumber?: string;
  cardToken?: string;
  scannedAt?: string;
  deviceId?: string;
  deviceDecision?: 'ADMITTED' | 'DENIED';
};

export const scanInput = (input: ScanInput): ScanInput & { id: string } => ({
  id: randomUUID(),
  direction: 'IN',
  ...input,
});

/** Factories of the inspection tests, on top of test/support/given. */
export function inspection(system: RunningSystem, as: GraphQLClient = system.admin) {
  const g = given(system, as);
  return {
    ...g,
    async checkIn(input: ScanInput, client: GraphQLClient = as): Promise<CheckInView> {
      const data = await client.query<{ checkIn: CheckInView }>(
        `mutation($input: CheckInInput!) { checkIn(input: $input) { ${CHECK_IN_FIELDS} } }`,
        { input: scanInput(input) },
      );
      return data.checkIn;
    },
    async submit(inputs: ScanInput[], client: GraphQLClient = as): Promise<CheckInView[]> {
      const data = await client.query<{ submitCheckIns: CheckInView[] }>(
        `mutation($input: [CheckInInput!]!) { submitCheckIns(input: $input) { ${CHECK_IN_FIELDS} } }`,
        { input: inputs.map(scanInput) },
      );
      return data.submitCheckIns;
    },
    async testResult(
      personId: string,
      sampledAt: Date | string,
      result: 'NEGATIVE' | 'POSITIVE',
      id: string = randomUUID(),
      client: GraphQLClient = as,
    ) {
      const data = await client.query<{ recordTestResult: LoopView }>(
        `mutation($input: TestResultInput!) { recordTestResult(input: $input) { ${LOOP_FIELDS} } }`,
        { input: { id, personId, sampledAt: new Date(sampledAt).toISOString(), result } },
      );
      return data.recordTestResult;
    },
    async loop(personId: string): Promise<LoopView> {
      const data = await as.query<{ person: { closedLoop: LoopView } }>(
        `query($id: ID!) { person(id: $id) { closedLoop { ${LOOP_FIELDS} } } }`,
        { id: personId },
      );
      return data.person.closedLoop;
    },
    /** A person inside the loop and a VENUE gate (closed loop) they may enter. */
    async personAtGate(
      accreditation: Record<string, unknown> = {},
      area: Record<string, unknown> = {},
    ) {
      const organisation = await g.organisation();
      const person = await g.arrivedPerson(organisation.id, accreditation);
      const gate = await g.area({ kind: 'VENUE', venueCode: 'NST', zone: '1', ...area });
      return { person, gate };
    },
  };
}

export const LOOP_FIELDS = 'status enteredAt lastNegativeTestAt testDueBy closeContactUntil';

export interface LoopView {
  status: string;
  enteredAt: string | null;
  lastNegativeTestAt: string | null;
  testDueBy: string | null;
  closeContactUntil: string | null;
}

/** A graphql-ws client of the gateway, signed in with the token. */
export function wsClient(system: RunningSystem, token: string | null): Client {
  return createClient({
    url: `ws://127.0.0.1:${system.gatewayPort}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Collects a subscription's events until stopped. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: T[] = [];
  const errors: unknown[] = [];
  const completed = { done: false };
  const waiters: { n: number; resolve: () => void }[] = [];
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) events.push(value.data);
        for (const w of waiters.filter((w) => events.length >= w.n)) w.resolve();
      },
      error: (error) => {
        errors.push(error);
        for (const w of waiters) w.resolve();
      },
      complete: () => {
        completed.done = true;
        for (const w of waiters) w.resolve();
      },
    },
  );
  return {
    events,
    errors,
    completed,
    dispose,
    /** Resolves once n events arrived (or an error), or after ms. */
    waitFor(n: number, ms = 3000): Promise<void> {
      if (events.length >= n || errors.length > 0 || completed.done) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}

export const hoursFrom = (base: Date, hours: number) =>
  new Date(base.getTime() + hours * 3_600_000);

export const tokenOf = (client: GraphQLClient) => client.token as string;

/** Suspends or revokes an accreditation through the API, as its office would. */
export async function changeStatus(
  system: RunningSystem,
  change: 'suspend' | 'revoke',
  accreditationId: string,
): Promise<void> {
  const field = change === 'suspend' ? 'suspendAccreditation' : 'revokeAccreditation';
  await system.admin.query(`mutation($id: ID!) { ${field}(id: $id, reason: "test") { status } }`, {
    id: accreditationId,
  });
}

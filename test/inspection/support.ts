import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import { GraphQLClient } from '#test/support/graphql-client.js';

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

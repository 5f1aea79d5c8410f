import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { IMPORT_COLUMNS } from '#apps/accreditation/imports/people-csv.js';
import type { RunningSystem } from '#tools/in-process-system.js';
import { REPO_ROOT } from '#tools/paths.js';
import { given } from '#test/support/given.js';
import { portraitJpeg } from '#test/support/portrait.js';

/** A mutation as a client sends it, with variables it accepts (built fresh for each call). */
export interface MutationCase {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
}

/** One value in a mutation's variables: where it is and its GraphQL type. */
export interface Leaf {
  /** e.g. ['input', 'accreditation', 'validFrom'] or ['input', 0, 'cardNumber'] */
  path: (string | number)[];
  /** The named type: String, ID, DateTime, Date, Int, an enum's name… */
  type: string;
  kind: 'text' | 'scalar' | 'enum' | 'list';
}

export async function gatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema(await readFile(path.join(REPO_ROOT, 'schema/api.graphql'), 'utf8'));
}

/** Every leaf of the variables, typed by the mutation's arguments (lists as lists and items). */
export function leavesOf(
  schema: GraphQLSchema,
  mutation: string,
  variables: Record<string, unknown>,
): Leaf[] {
  const field = schema.getMutationType()?.getFields()[mutation];
  if (!field) return [];
  const leaves: Leaf[] = [];
  const walk = (type: GraphQLInputType, value: unknown, at: (string | number)[]) => {
    const inner = getNullableType(type);
    if (isListType(inner)) {
      leaves.push({ path: at, type: getNamedType(inner).name, kind: 'list' });
      if (Array.isArray(value) && value.length > 0) walk(inner.ofType, value[0], [...at, 0]);
    } else if (isInputObjectType(inner)) {
      for (const f of Object.values(inner.getFields())) {
        const v = (value as Record<string, unknown> | null)?.[f.name];
        if (v !== undefined) walk(f.type, v, [...at, f.name]);
      }
    } else if (isEnumType(inner)) {
      leaves.push({ path: at, type: inner.name, kind: 'enum' });
    } else if (isScalarType(inner)) {
      const text = ['String', 'ID'].includes(inner.name);
      leaves.push({ path: at, type: inner.name, kind: text ? 'text' : 'scalar' });
    }
  };
  for (const arg of field.args) {
    if (variables[arg.name] !== undefined) walk(arg.type, variables[arg.name], [arg.name]);
  }
  return leaves;
}

/** The variables with the value at `path` replaced. */
export function withValue(
  variables: Record<string, unknown>,
  at: (string | number)[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(variables);
  let target = copy as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[at[at.length - 1]] = value;
  return copy;
}

/** The field name a service gives a problem at this path: input.0.cardNumber */
export const fieldName = (at: (string | number)[]) => at.join('.');

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const HOUR = 3_600_000;

/**
 * Valid variables for every mutation of the schema that needs data made first (people,
 * areas, keys): each case's `variables()` is a call that would succeed on its own.
 */
export async function validMutations(system: RunningSystem): Promise<MutationCase[]> {
  const g = given(system);
  const organisation = await g.organisation();
  const [approved, submitted, revocable, arrived, account, port, venue] = await Promise.all([
    g.approvedPerson(organisation.id),
    g.person(organisation.id),
    g.person(organisation.id),
    g.arrivedPerson(organisation.id),
    g.account(['VIEWER']),
    g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' }),
    g.area(),
  ]);
  const key = await system.admin.query<{ createApiKey: { apiKey: { id: string } } }>(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`,
    { input: { name: 'fuzz revocable', scopes: ['ACCREDITATION_READ'] } },
  );
  const unique = () => randomUUID().slice(0, 8).toUpperCase();
  const row = [
    'Lin',
    'Wei',
    '1998-05-17',
    'CHN',
    'Athlete',
    `F${unique()}`,
    'Aa',
    'NST;BIA',
    '*',
    iso(HOUR),
    iso(-30 * 24 * HOUR),
  ];
  const scan = () => ({
    id: randomUUID(),
    areaCode: venue.code,
    direction: 'IN',
    cardNumber: arrived.cardNumber,
    scannedAt: iso(1000),
    deviceId: 'fuzz-device-1',
  });
  const photo = (await portraitJpeg(300, 400)).toString('base64');
  const target = await system.admin.query<{ createUser: { id: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    {
      input: {
        email: `fuzz-target-${unique().toLowerCase()}@games.test`,
        password: 'a-long-password-for-tests',
        roles: ['VIEWER'],
      },
    },
  );
  // Annulled once; every later call is a clean CONFLICT.
  const annullable = await system.admin.query<{ checkIn: { id: string } }>(
    `mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`,
    { input: { ...scan(), scannedAt: undefined } },
  );
  const movement = () => ({
    id: randomUUID(),
    personId: arrived.id,
    location: 'HOTEL-FUZZ',
    kind: 'ENTRY',
    occurredAt: iso(60_000),
  });
  const cases: Record<string, Record<string, () => unknown>> = {
    login: { input: () => ({ email: account.email, password: account.password }) },
    createUser: {
      input: () => ({
        email: `fuzz-${unique().toLowerCase()}@games.test`,
        password: 'a-long-password-for-tests',
        roles: ['VIEWER'],
      }),
    },
    createApiKey: {
      input: () => ({
        name: 'fuzz key',
        scopes: ['ACCREDITATION_READ'],
        organisationId: organisation.id,
      }),
    },
    revokeApiKey: { id: () => key.createApiKey.apiKey.id },
    setPreferredLanguage: { language: () => 'ZH' },
    disableUser: { id: () => target.createUser.id },
    enableUser: { id: () => target.createUser.id },
    createOrganisation: {
      input: () => ({
        code: `FZ-${unique()}`,
        name: 'Fuzz delegation',
        type: 'NOC',
        country: 'CHN',
      }),
    },
    registerPerson: { input: () => g.personInput(organisation.id) },
    updatePerson: {
      input: () => ({ personId: submitted.id, reason: 'fuzz', givenName: `Fz${unique()}` }),
    },
    approveAccreditation: { id: () => submitted.accreditationId },
    approveAccreditations: { ids: () => [submitted.accreditationId] },
    setPersonPhoto: { personId: () => submitted.id, imageBase64: () => photo },
    upsertVenue: {
      // A venue of its own: fuzzed variants must not rewrite the seeded venues other tests use.
      input: () => ({ code: 'FUZZ-VENUE', name: 'Fuzz venue', zones: ['1', '2', '3'] }),
    },
    suspendAccreditation: { id: () => approved.accreditationId, reason: () => 'fuzz' },
    suspendAccreditations: { ids: () => [approved.accreditationId], reason: () => 'fuzz' },
    reinstateAccreditation: { id: () => approved.accreditationId },
    revokeAccreditation: { id: () => revocable.accreditationId, reason: () => 'fuzz' },
    reissueCard: { id: () => approved.accreditationId },
    importPeople: {
      input: () => ({
        organisationId: organisation.id,
        csv: `${IMPORT_COLUMNS.join(',')}\n${row.join(',')}\n`,
        dryRun: true,
      }),
    },
    createInspectionArea: {
      input: () => ({
        code: `FZ-${unique()}`,
        name: 'Fuzz area',
        kind: 'VENUE',
        venueCode: 'NST',
        zone: '1',
      }),
    },
    processArrival: {
      input: () => ({
        id: randomUUID(),
        areaCode: port.code,
        cardNumber: approved.cardNumber,
        documentNumber: approved.documentNumber,
        flightNumber: 'CA123',
        arrivedAt: iso(1000),
      }),
    },
    processDeparture: {
      input: () => ({
        id: randomUUID(),
        areaCode: port.code,
        cardNumber: revocable.cardNumber,
        departedAt: iso(1000),
      }),
    },
    checkIn: { input: scan },
    submitCheckIns: { input: () => [scan(), scan()] },
    annulCheckIn: { id: () => annullable.checkIn.id, reason: () => 'fuzz: wrong card' },
    recordTestResult: {
      input: () => ({
        id: randomUUID(),
        personId: arrived.id,
        sampledAt: iso(HOUR),
        result: 'NEGATIVE',
      }),
    },
    releaseFromIsolation: { personId: () => arrived.id, reason: () => 'fuzz' },
    designateCloseContacts: {
      personId: () => arrived.id,
      from: () => iso(48 * HOUR),
      to: () => iso(0),
      minMinutes: () => 15,
    },
    recordMovement: { input: movement },
    recordMovements: { input: () => [movement(), movement()] },
  };
  const schema = await gatewaySchema();
  const mutations = schema.getMutationType()!.getFields();
  return Object.entries(cases)
    .filter(([name]) => mutations[name])
    .map(([name, args]) => {
      const field = mutations[name];
      const declared = field.args.filter((a) => args[a.name]);
      const variables = declared.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const call = declared.map((a) => `${a.name}: $${a.name}`).join(', ');
      const named = getNamedType(field.type);
      const selection = isScalarType(named) || isEnumType(named) ? '' : '{ __typename }';
      return {
        name,
        query: `mutation(${variables}) { ${name}(${call}) ${selection} }`,
        variables: () => Object.fromEntries(declared.map((a) => [a.name, args[a.name]()])),
      };
    });
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  buildSchema,
  getNamedType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  type GraphQLField,
} from 'graphql';
import { SignJWT } from 'jose';
import pg from 'pg';
import { OPERATION_POLICIES, SENSITIVE_FIELD_POLICIES } from '#libs/auth/access-policy.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { portraitJpeg } from '#test/support/portrait.js';
import { REPO_ROOT } from '#tools/paths.js';
import { eventually } from '#test/support/eventually.js';
import type { ApprovedPerson } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { CSV_HEADER, csvRow } from '#test/accreditation/support.js';
import { collect, inspection, wsClient } from '#test/inspection/support.js';

/**
 * The authorization matrix, through the gateway: every root operation of the public
 * schema (enumerated from schema/api.graphql, so a new operation is covered, or fails
 * here until it has a case) and every sensitive field, called by every role, every
 * single API-key scope, an organisation-bound key of another organisation, no
 * credentials, and forged, expired, alg-none and exp-less tokens. Each cell asserts the
 * exact outcome: OK (answered without error), FORBIDDEN or UNAUTHENTICATED (or, for the
 * other organisation's key, the NOT_FOUND its scope gives).
 *
 * Who may call what is written here again, independently of libs/auth/access-policy.ts:
 * a change of the policy that nobody meant shows up as a failing cell.
 */

type Role =
  'ADMIN' | 'ACCREDITATION_OFFICER' | 'INSPECTION_OFFICER' | 'HEALTH_OFFICER' | 'TRACER' | 'VIEWER';
type Scope =
  'ACCREDITATION_READ' | 'CHECKIN_WRITE' | 'HEALTH_WRITE' | 'MOVEMENT_READ' | 'MOVEMENT_WRITE';

const ROLES: Role[] = [
  'ADMIN',
  'ACCREDITATION_OFFICER',
  'INSPECTION_OFFICER',
  'HEALTH_OFFICER',
  'TRACER',
  'VIEWER',
];
const SCOPES: Scope[] = [
  'ACCREDITATION_READ',
  'CHECKIN_WRITE',
  'HEALTH_WRITE',
  'MOVEMENT_READ',
  'MOVEMENT_WRITE',
];
const STAFF: Role[] = [
  'ACCREDITATION_OFFICER',
  'INSPECTION_OFFICER',
  'HEALTH_OFFICER',
  'TRACER',
  'VIEWER',
];

/** Who may call: ADMIN always; the roles and scopes named; or everyone of a kind. */
interface Allowed {
  /** Anyone, credentials or not. */
  public?: true;
  /** Any valid user session or API key. */
  authenticated?: true;
  /** Any valid user session (whatever the roles), no API key. */
  staff?: true;
  roles?: Role[];
  scopes?: Scope[];
  /** What a key of another organisation (with every scope) gets when its scope allows. */
  otherOrganisation?: string;
}

interface Fixtures {
  system: RunningSystem;
  g: ReturnType<typeof inspection>;
  organisationId: string;
  /** In organisation A, inside the closed loop, with a test and a close-contact date. */
  person: ApprovedPerson;
  gate: { code: string };
  port: { code: string };
  account: { email: string; password: string };
}

interface Case extends Allowed {
  /** The arguments of a minimal valid call (fresh data per call where a call uses it up). */
  args?: (f: Fixtures) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Called as another user of the caller's kind (a logout ends every session of its user). */
  freshSession?: true;
}

const now = () => new Date().toISOString();
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const unique = () => randomUUID().slice(0, 8).toUpperCase();

/**
 * One minimal valid call per root operation. A new operation of the schema fails the
 * matrix until it is added here (with who may call it).
 */
const CASES: Record<string, Case> = {
  // identity
  'Query.me': { authenticated: true },
  'Query.users': { roles: [], args: () => ({ first: 1 }) },
  'Query.apiKeys': { roles: [] },
  'Mutation.login': {
    public: true,
    args: (f) => ({ input: { email: f.account.email, password: f.account.password } }),
  },
  'Mutation.logout': { staff: true, freshSession: true },
  'Mutation.setPreferredLanguage': { staff: true, args: () => ({ language: 'FR' }) },
  'Mutation.disableUser': { roles: [], args: async (f) => ({ id: await userId(f) }) },
  'Mutation.enableUser': { roles: [], args: async (f) => ({ id: await userId(f) }) },
  'Mutation.createUser': {
    roles: [],
    args: () => ({
      input: {
        email: `matrix-${unique().toLowerCase()}@games.test`,
        password: 'a-long-password-for-tests',
        roles: ['VIEWER'],
      },
    }),
  },
  'Mutation.createApiKey': {
    roles: [],
    args: () => ({ input: { name: `matrix-${unique()}`, scopes: ['MOVEMENT_READ'] } }),
  },
  'Mutation.revokeApiKey': { roles: [], args: async (f) => ({ id: await apiKeyId(f) }) },
  // accreditation
  'Query.cardVerificationKeys': { authenticated: true },
  'Query.cardDenyList': { roles: ['INSPECTION_OFFICER'], scopes: ['CHECKIN_WRITE'] },
  'Query.venues': { authenticated: true },
  'Mutation.eraseExpiredPersonalData': { roles: [] },
  'Mutation.upsertVenue': {
    roles: [],
    args: () => ({ input: { code: 'NST', name: 'National Stadium', zones: ['1', '2', '3'] } }),
  },
  'Query.cardsPdfUrl': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => ({ accreditationIds: [await approvedAccreditation(f)] }),
  },
  'Mutation.approveAccreditations': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => ({ ids: [(await f.g.person(f.organisationId)).accreditationId] }),
  },
  'Mutation.suspendAccreditations': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => ({ ids: [await approvedAccreditation(f)], reason: 'matrix' }),
  },
  'Mutation.setPersonPhoto': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => ({
      personId: (await f.g.person(f.organisationId)).id,
      imageBase64: (await portraitJpeg(300, 400)).toString('base64'),
    }),
  },
  'Query.organisations': { roles: STAFF, scopes: ['ACCREDITATION_READ'] },
  'Query.organisation': {
    roles: STAFF,
    scopes: ['ACCREDITATION_READ'],
    args: (f) => ({ id: f.organisationId }),
  },
  'Query.person': {
    roles: STAFF,
    scopes: ['ACCREDITATION_READ'],
    args: (f) => ({ id: f.person.id }),
  },
  'Query.personByCard': {
    roles: STAFF,
    scopes: ['ACCREDITATION_READ'],
    args: (f) => ({ cardNumber: f.person.cardNumber }),
  },
  'Query.people': { roles: STAFF, scopes: ['ACCREDITATION_READ'], args: () => ({ first: 1 }) },
  'Mutation.createOrganisation': {
    roles: ['ACCREDITATION_OFFICER'],
    args: () => ({ input: { code: `NOC-${unique()}`, name: 'Matrix', type: 'NOC' } }),
  },
  'Mutation.registerPerson': {
    roles: ['ACCREDITATION_OFFICER'],
    args: (f) => ({ input: f.g.personInput(f.organisationId) }),
  },
  'Mutation.updatePerson': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => ({
      input: {
        personId: (await f.g.person(f.organisationId)).id,
        reason: 'matrix: spelling',
        givenName: `Ada${unique()}`,
      },
    }),
  },
  'Query.accreditationCategories': { roles: ['ACCREDITATION_OFFICER'] },
  'Mutation.importPeople': {
    roles: ['ACCREDITATION_OFFICER'],
    args: (f) => ({
      input: {
        organisationId: f.organisationId,
        csv: `${CSV_HEADER}\n${csvRow(`MX${unique()}`)}\n`,
        dryRun: true,
      },
    }),
  },
  'Mutation.approveAccreditation': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => ({ id: (await f.g.person(f.organisationId)).accreditationId }),
  },
  'Mutation.suspendAccreditation': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => ({ id: await approvedAccreditation(f), reason: 'matrix' }),
  },
  'Mutation.reinstateAccreditation': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => {
      const id = await approvedAccreditation(f);
      await f.system.admin.query(
        'mutation($id: ID!) { suspendAccreditation(id: $id, reason: "matrix") { id } }',
        { id },
      );
      return { id };
    },
  },
  'Mutation.revokeAccreditation': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => ({ id: await approvedAccreditation(f), reason: 'matrix' }),
  },
  'Mutation.reissueCard': {
    roles: ['ACCREDITATION_OFFICER'],
    args: async (f) => ({ id: await approvedAccreditation(f) }),
  },
  // inspection
  'Query.inspectionAreas': { roles: STAFF, scopes: ['CHECKIN_WRITE'] },
  'Query.inspectionArea': {
    roles: STAFF,
    scopes: ['CHECKIN_WRITE'],
    args: (f) => ({ code: f.gate.code }),
  },
  'Query.checkIns': {
    roles: ['INSPECTION_OFFICER', 'TRACER', 'VIEWER'],
    scopes: ['CHECKIN_WRITE'],
    args: () => ({ first: 1 }),
  },
  'Mutation.createInspectionArea': {
    roles: [],
    args: () => ({
      input: {
        code: `MX-${unique()}`,
        name: 'Matrix gate',
        kind: 'VENUE',
        venueCode: 'NST',
        zone: '1',
      },
    }),
  },
  // Another organisation's card is answered DENIED (data), as an unknown card would be.
  'Mutation.checkIn': {
    roles: ['INSPECTION_OFFICER'],
    scopes: ['CHECKIN_WRITE'],
    args: (f) => ({ input: scan(f) }),
  },
  // Another organisation's card is answered DENIED (data), as an unknown card would be.
  'Mutation.submitCheckIns': {
    roles: ['INSPECTION_OFFICER'],
    scopes: ['CHECKIN_WRITE'],
    args: (f) => ({ input: [scan(f)] }),
  },
  'Mutation.annulCheckIn': {
    roles: ['INSPECTION_OFFICER'],
    args: async (f) => {
      const p = await f.g.arrivedPerson(f.organisationId);
      const scanned = await f.g.checkIn({ areaCode: f.gate.code, cardNumber: p.cardNumber });
      return { id: scanned.id, reason: 'matrix' };
    },
  },
  'Mutation.processArrival': {
    roles: ['INSPECTION_OFFICER'],
    args: async (f) => {
      const p = await f.g.approvedPerson(f.organisationId);
      return {
        input: {
          id: randomUUID(),
          areaCode: f.port.code,
          cardNumber: p.cardNumber,
          documentNumber: p.documentNumber,
        },
      };
    },
  },
  'Mutation.processDeparture': {
    roles: ['INSPECTION_OFFICER'],
    args: async (f) => {
      const p = await f.g.arrivedPerson(f.organisationId);
      return { input: { id: randomUUID(), areaCode: f.port.code, cardNumber: p.cardNumber } };
    },
  },
  'Mutation.recordTestResult': {
    roles: ['HEALTH_OFFICER'],
    scopes: ['HEALTH_WRITE'],
    otherOrganisation: 'NOT_FOUND',
    args: (f) => ({
      input: {
        id: randomUUID(),
        personId: f.person.id,
        // After the accreditation was made (an earlier sample is refused), not in the future.
        sampledAt: now(),
        result: 'NEGATIVE',
      },
    }),
  },
  'Query.testsDue': {
    roles: ['HEALTH_OFFICER'],
    scopes: ['HEALTH_WRITE'],
    args: () => ({ before: new Date(Date.now() + 86_400_000).toISOString(), first: 1 }),
  },
  'Mutation.releaseFromIsolation': {
    roles: ['HEALTH_OFFICER'],
    args: async (f) => {
      const p = await f.g.arrivedPerson(f.organisationId);
      await f.g.testResult(p.id, new Date(), 'POSITIVE');
      return { personId: p.id, reason: 'matrix' };
    },
  },
  'Mutation.designateCloseContacts': {
    roles: ['TRACER'],
    args: (f) => ({ personId: f.person.id, from: hoursAgo(24), to: now() }),
  },
  // movement
  'Query.movements': { roles: ['TRACER'], scopes: ['MOVEMENT_READ'], args: () => ({ first: 1 }) },
  'Query.stays': {
    roles: ['TRACER'],
    scopes: ['MOVEMENT_READ'],
    otherOrganisation: 'NOT_FOUND',
    args: (f) => ({ personId: f.person.id, from: hoursAgo(24), to: now() }),
  },
  'Query.presentAt': {
    roles: ['TRACER', 'INSPECTION_OFFICER'],
    scopes: ['MOVEMENT_READ'],
    args: (f) => ({ location: f.gate.code, first: 1 }),
  },
  'Query.contacts': {
    roles: ['TRACER'],
    args: (f) => ({ personId: f.person.id, from: hoursAgo(24), to: now() }),
  },
  'Query.verifyMovementLog': { roles: [] },
  'Query.movementLogCheckpointKeys': { authenticated: true },
  'Mutation.checkpointMovementLog': { roles: [] },
  'Mutation.recordMovement': {
    roles: [],
    scopes: ['MOVEMENT_WRITE'],
    // Another organisation's person is "no person with this id", as an unknown one.
    otherOrganisation: 'BAD_USER_INPUT',
    args: (f) => ({ input: movement(f) }),
  },
  'Mutation.recordMovements': {
    roles: [],
    scopes: ['MOVEMENT_WRITE'],
    // Another organisation's person is "no person with this id", as an unknown one.
    otherOrganisation: 'BAD_USER_INPUT',
    args: (f) => ({ input: [movement(f)] }),
  },
  // audit
  'Query.auditTrail': { roles: [], args: () => ({ first: 1 }) },
  // subscriptions (over the gateway's WebSocket)
  'Subscription.checkInRecorded': { roles: STAFF, args: (f) => ({ areaCode: f.gate.code }) },
};

/** What each sensitive field is read through, and who sees it (again written here). */
const SENSITIVE: Record<
  string,
  Allowed & { select: string; pick: (person: PersonRead) => unknown }
> = {
  'Person.documentNumber': {
    roles: ['ACCREDITATION_OFFICER', 'INSPECTION_OFFICER'],
    select: 'documentNumber',
    pick: (p) => p.documentNumber,
  },
  'ClosedLoopState.lastNegativeTestAt': {
    roles: ['HEALTH_OFFICER', 'INSPECTION_OFFICER', 'TRACER'],
    scopes: ['HEALTH_WRITE'],
    select: 'closedLoop { lastNegativeTestAt }',
    pick: (p) => p.closedLoop?.lastNegativeTestAt,
  },
  'ClosedLoopState.testDueBy': {
    roles: ['HEALTH_OFFICER', 'INSPECTION_OFFICER', 'TRACER'],
    scopes: ['HEALTH_WRITE'],
    select: 'closedLoop { testDueBy }',
    pick: (p) => p.closedLoop?.testDueBy,
  },
  'ClosedLoopState.closeContactUntil': {
    roles: ['HEALTH_OFFICER', 'INSPECTION_OFFICER', 'TRACER'],
    scopes: ['HEALTH_WRITE'],
    select: 'closedLoop { closeContactUntil }',
    pick: (p) => p.closedLoop?.closeContactUntil,
  },
  // Hidden, a close contact reads IN_LOOP.
  'ClosedLoopState.status': {
    roles: ['HEALTH_OFFICER', 'INSPECTION_OFFICER', 'TRACER'],
    scopes: ['HEALTH_WRITE'],
    select: 'closedLoop { status }',
    pick: (p) => (p.closedLoop?.status === 'CLOSE_CONTACT' ? p.closedLoop.status : null),
  },
  'Accreditation.cardToken': {
    roles: ['ACCREDITATION_OFFICER', 'INSPECTION_OFFICER'],
    scopes: ['ACCREDITATION_READ'],
    select: 'accreditation { cardToken }',
    pick: (p) => p.accreditation?.cardToken,
  },
  'Person.photo': {
    roles: ['ACCREDITATION_OFFICER', 'INSPECTION_OFFICER'],
    select: 'photo { url }',
    pick: (p) => p.photo?.url,
  },
  'Accreditation.cardPdfUrl': {
    roles: ['ACCREDITATION_OFFICER'],
    select: 'accreditation { cardPdfUrl }',
    pick: (p) => p.accreditation?.cardPdfUrl,
  },
  // Hidden, a key reads "staff" where staff read the email.
  'AccreditationEvent.by': {
    roles: STAFF,
    select: 'accreditation { history { by } }',
    pick: (p) => p.accreditation?.history?.find((e) => e.by.includes('@'))?.by,
  },
};

/**
 * Sensitive fields read only through one operation with the very same policy: that
 * operation's row of the matrix is their probe.
 */
const COVERED_BY_OPERATION: Record<string, string> = {
  'CardDenyListEntry.testDueBy': 'Query.cardDenyList',
};

interface PersonRead {
  documentNumber?: string | null;
  closedLoop?: Record<string, unknown>;
  accreditation?: {
    cardToken?: string | null;
    cardPdfUrl?: string | null;
    history?: { by: string }[];
  } | null;
  photo?: { url: string } | null;
}

function scan(f: Fixtures) {
  return {
    id: randomUUID(),
    areaCode: f.gate.code,
    direction: 'IN',
    cardNumber: f.person.cardNumber,
  };
}

function movement(f: Fixtures) {
  return {
    id: randomUUID(),
    personId: f.person.id,
    location: 'HOTEL-MATRIX',
    kind: 'ENTRY',
    occurredAt: now(),
  };
}

async function userId(f: Fixtures): Promise<string> {
  const data = await f.system.admin.query<{ createUser: { id: string } }>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    {
      input: {
        email: `target-${unique().toLowerCase()}@games.test`,
        password: 'a-long-password-for-tests',
        roles: ['VIEWER'],
      },
    },
  );
  return data.createUser.id;
}

async function apiKeyId(f: Fixtures): Promise<string> {
  const data = await f.system.admin.query<{ createApiKey: { apiKey: { id: string } } }>(
    `mutation { createApiKey(input: { name: "target", scopes: [MOVEMENT_READ] }) { apiKey { id } } }`,
  );
  return data.createApiKey.apiKey.id;
}

async function approvedAccreditation(f: Fixtures): Promise<string> {
  return (await f.g.approvedPerson(f.organisationId)).accreditationId;
}

// ---------------------------------------------------------------- the callers

type CallerKind = 'role' | 'scope' | 'other-organisation' | 'anonymous' | 'bad-token';

interface Caller {
  name: string;
  kind: CallerKind;
  role?: Role;
  scope?: Scope;
  client: GraphQLClient;
  /** A session of its own for a call that ends sessions (the same client for keys and nobody). */
  fresh: () => Promise<GraphQLClient>;
}

/** The outcome the matrix expects of a caller. */
function expected(allowed: Allowed, caller: Caller): string {
  if (allowed.public) return 'OK';
  if (caller.kind === 'anonymous' || caller.kind === 'bad-token') return 'UNAUTHENTICATED';
  if (caller.kind === 'role') {
    const role = caller.role as Role;
    const may =
      allowed.authenticated || allowed.staff || role === 'ADMIN' || allowed.roles?.includes(role);
    return may ? 'OK' : 'FORBIDDEN';
  }
  if (allowed.staff) return 'FORBIDDEN';
  if (caller.kind === 'scope') {
    return allowed.authenticated || allowed.scopes?.includes(caller.scope as Scope)
      ? 'OK'
      : 'FORBIDDEN';
  }
  // The other organisation's key holds every scope.
  return allowed.authenticated || (allowed.scopes ?? []).length > 0
    ? (allowed.otherOrganisation ?? 'OK')
    : 'FORBIDDEN';
}

function outcomeOf(result: {
  status: number;
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}): string {
  if (result.errors?.length) {
    return [
      ...new Set(result.errors.map((e) => e.extensions?.code ?? `no code: ${e.message}`)),
    ].join(',');
  }
  return result.data ? 'OK' : `HTTP ${result.status} without data`;
}

// ---------------------------------------------------------------- the schema

const schema = buildSchema(readFileSync(path.join(REPO_ROOT, 'schema/api.graphql'), 'utf8'));
const ROOTS = ['Query', 'Mutation', 'Subscription'] as const;
const OPERATIONS: {
  key: string;
  root: (typeof ROOTS)[number];
  field: GraphQLField<unknown, unknown>;
}[] = ROOTS.flatMap((root) => {
  const type = schema.getType(root);
  if (!type || !isObjectType(type)) return [];
  return Object.values(type.getFields()).map((field) => ({
    key: `${root}.${field.name}`,
    root,
    field,
  }));
});

/** The document of a call: the variables it is given, and __typename of whatever it returns. */
function documentOf(
  root: (typeof ROOTS)[number],
  field: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
): string {
  const args = field.args.filter((a) => a.name in variables);
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection =
    isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? ' { __typename }' : '';
  return `${root.toLowerCase()}${declared ? `(${declared})` : ''} { ${field.name}${
    passed ? `(${passed})` : ''
  }${selection} }`;
}

// ---------------------------------------------------------------- the matrix

describe('the authorization matrix', () => {
  let system: RunningSystem;
  let fixtures: Fixtures;
  const callers: Caller[] = [];

  before(async () => {
    system = await startSystem({ label: 'authz_matrix' });
    const g = inspection(system);
    const organisation = await g.organisation();
    const other = await g.organisation();
    const person = await g.arrivedPerson(organisation.id);
    // A portrait to see or not.
    await system.admin.query(
      `mutation($p: ID!, $i: String!) { setPersonPhoto(personId: $p, imageBase64: $i) { id } }`,
      { p: person.id, i: (await portraitJpeg(300, 400)).toString('base64') },
    );
    // Sampled after the arrival (a result older than the latest sample changes nothing).
    await g.testResult(person.id, new Date(), 'NEGATIVE');
    // A close contact (status and date) to see or not; the API sets it by tracing.
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `UPDATE inspection.closed_loop SET status = 'CLOSE_CONTACT', close_contact_until = now() + interval '3 days'
         WHERE person_id = $1`,
        [person.id],
      );
    } finally {
      await db.end();
    }
    fixtures = {
      system,
      g,
      organisationId: organisation.id,
      person,
      gate: await g.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' }),
      port: await g.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' }),
      account: await g.account(['VIEWER']),
    };

    for (const role of ROLES) {
      const account = await g.account([role]);
      callers.push({
        name: role,
        kind: 'role',
        role,
        client: account.client,
        // Another user of the same role: a logout ends every session of its user.
        fresh: async () => (await g.account([role])).client,
      });
    }
    const key = async (scopes: Scope[], organisationId?: string) => {
      const data = await system.admin.query<{ createApiKey: { secret: string } }>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
        { input: { name: `matrix-${scopes.join('+')}`, scopes, organisationId } },
      );
      return system.anonymous.withToken(data.createApiKey.secret);
    };
    for (const scope of SCOPES) {
      const client = await key([scope]);
      callers.push({
        name: `key ${scope}`,
        kind: 'scope',
        scope,
        client,
        fresh: () => Promise.resolve(client),
      });
    }
    const otherKey = await key(SCOPES, other.id);
    callers.push({
      name: 'key of another organisation (every scope)',
      kind: 'other-organisation',
      client: otherKey,
      fresh: () => Promise.resolve(otherKey),
    });
    callers.push({
      name: 'no credentials',
      kind: 'anonymous',
      client: system.anonymous,
      fresh: () => Promise.resolve(system.anonymous),
    });
    // Tokens naming a real ADMIN's id, so only the token's flaw can refuse them.
    const { me } = await system.admin.query<{ me: { id: string } }>('{ me { id } }');
    const secret = new TextEncoder().encode(system.env.JWT_SECRET);
    const t = Math.floor(Date.now() / 1000);
    const jwt = (alg = 'HS256') =>
      new SignJWT({ roles: ['ADMIN'], sep: 0 })
        .setProtectedHeader({ alg })
        .setSubject(me.id)
        .setIssuer('games-accreditation')
        .setIssuedAt(t);
    const genuinePayload = (
      await jwt()
        .setExpirationTime(t + 600)
        .sign(secret)
    ).split('.')[1];
    const bad: Record<string, string> = {
      forged: await jwt()
        .setExpirationTime(t + 600)
        .sign(new TextEncoder().encode('not-the-secret-but-long-enough-for-hs256')),
      expired: await jwt()
        .setIssuedAt(t - 7200)
        .setExpirationTime(t - 3600)
        .sign(secret),
      'alg none': `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${genuinePayload}.`,
      'without exp': await jwt().sign(secret),
    };
    for (const [what, token] of Object.entries(bad)) {
      const client = system.anonymous.withToken(token);
      callers.push({
        name: `${what} token`,
        kind: 'bad-token',
        client,
        fresh: () => Promise.resolve(client),
      });
    }
  });
  after(() => system?.stop());

  it('has a minimal call for every root operation of the gateway schema, and none stale', () => {
    const missing = OPERATIONS.map((o) => o.key).filter((key) => !CASES[key]);
    assert.deepEqual(
      missing,
      [],
      `operations without a minimal call: add each to CASES in test/security/authorization-matrix.e2e-spec.ts (its arguments and who may call it)`,
    );
    const stale = Object.keys(CASES).filter((key) => !OPERATIONS.some((o) => o.key === key));
    assert.deepEqual(stale, [], 'cases for operations the schema no longer has');
  });

  for (const { key, root, field } of OPERATIONS) {
    it(`${key}: each caller gets exactly what it may`, async (t) => {
      const c = CASES[key];
      if (!c) {
        assert.fail(
          `${key} has no minimal call: add it to CASES in test/security/authorization-matrix.e2e-spec.ts`,
        );
      }
      const mismatches: string[] = [];
      for (const caller of callers) {
        const variables = (await c.args?.(fixtures)) ?? {};
        const want = expected(c, caller);
        const got =
          root === 'Subscription'
            ? await subscriptionOutcome(caller, documentOf(root, field, variables), variables)
            : await callOutcome(
                c.freshSession ? await caller.fresh() : caller.client,
                documentOf(root, field, variables),
                variables,
              );
        if (got !== want) mismatches.push(`${caller.name}: expected ${want}, got ${got}`);
      }
      t.diagnostic(`${callers.length} callers`);
      assert.deepEqual(mismatches, [], key);
    });
  }

  it('lets each caller see each sensitive field only by its field policy', async () => {
    const uncovered = Object.keys(SENSITIVE_FIELD_POLICIES).filter(
      (f) => !SENSITIVE[f] && !COVERED_BY_OPERATION[f],
    );
    for (const [field, operation] of Object.entries(COVERED_BY_OPERATION)) {
      assert.deepEqual(
        SENSITIVE_FIELD_POLICIES[field],
        OPERATION_POLICIES[operation],
        `${field} is read only through ${operation}, whose row covers it while the two policies agree`,
      );
    }
    assert.deepEqual(uncovered, [], 'sensitive fields without a probe in SENSITIVE');
    const person = CASES['Query.person'];
    const mismatches: string[] = [];
    for (const [fieldKey, probe] of Object.entries(SENSITIVE)) {
      for (const caller of callers) {
        const operation = expected(person, caller);
        // The person is in organisation A: the other organisation's key finds nobody.
        const want =
          operation !== 'OK'
            ? operation
            : caller.kind === 'other-organisation'
              ? 'NO PERSON'
              : expected(probe, caller) === 'OK'
                ? 'VISIBLE'
                : 'HIDDEN';
        const result = await caller.client.request<{ person: PersonRead | null }>(
          `query($id: ID!) { person(id: $id) { ${probe.select} } }`,
          { id: fixtures.person.id },
        );
        let got = outcomeOf(result);
        if (got === 'OK') {
          const read = result.data?.person;
          got = !read ? 'NO PERSON' : probe.pick(read) == null ? 'HIDDEN' : 'VISIBLE';
        }
        if (got !== want)
          mismatches.push(`${fieldKey}, ${caller.name}: expected ${want}, got ${got}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('shows a HEALTH_WRITE key the health fields of the state it wrote', async () => {
    const healthKey = callers.find((c) => c.scope === 'HEALTH_WRITE');
    assert.ok(healthKey);
    const data = await healthKey.client.query<{ recordTestResult: Record<string, unknown> }>(
      `mutation($input: TestResultInput!) { recordTestResult(input: $input) {
         lastNegativeTestAt testDueBy closeContactUntil } }`,
      {
        input: {
          id: randomUUID(),
          personId: fixtures.person.id,
          sampledAt: now(),
          result: 'NEGATIVE',
        },
      },
    );
    for (const field of ['lastNegativeTestAt', 'testDueBy', 'closeContactUntil']) {
      assert.notEqual(data.recordTestResult[field], null, `${field}: ${JSON.stringify(data)}`);
    }
  });

  async function callOutcome(
    client: GraphQLClient,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<string> {
    return outcomeOf(await client.request(query, variables));
  }

  /**
   * A subscription is allowed when it hears a scan made after it started; refused when
   * the socket or the subscription answers with an error (its code; a refused socket
   * counts as UNAUTHENTICATED).
   */
  async function subscriptionOutcome(
    caller: Caller,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<string> {
    const client = wsClient(system, caller.client.token ?? null);
    const feed = collect<Record<string, unknown>>(client, query, variables);
    try {
      return await eventually(
        async () => {
          if (feed.errors.length > 0) return subscriptionErrorCode(feed.errors[0]);
          if (feed.events.length > 0) return 'OK';
          if (feed.completed.done) return 'completed without an event';
          // Scans until the subscription, which reaches the service some time after it is
          // sent, hears one (or is refused).
          await fixtures.g.checkIn({
            areaCode: fixtures.gate.code,
            cardNumber: fixtures.person.cardNumber,
          });
          await feed.waitFor(1, 200);
          throw new Error('nothing heard yet');
        },
        { timeoutMs: 20_000, everyMs: 10 },
      );
    } catch (error) {
      return `neither an event nor a refusal (${error instanceof Error ? error.message : String(error)})`;
    } finally {
      feed.dispose();
      await client.dispose();
    }
  }
});

function subscriptionErrorCode(error: unknown): string {
  const e = error as {
    extensions?: { code?: string };
    code?: number;
    reason?: string;
    message?: string;
  };
  if (e.extensions?.code) return e.extensions.code;
  // A socket refused at connection (graphql-ws closes it with 4403 Forbidden).
  if (typeof e.code === 'number')
    return e.code === 4403 ? 'UNAUTHENTICATED' : `socket closed ${e.code}`;
  return `no code: ${e.message ?? String(error)}`;
}

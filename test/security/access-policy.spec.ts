import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildSchema, isObjectType } from 'graphql';
import {
  actorShownTo,
  closedLoopStatusesMatching,
  closedLoopStatusShownTo,
  maySee,
  OPERATION_POLICIES,
  SENSITIVE_FIELD_POLICIES,
} from '#libs/auth/access-policy.js';
import type { Principal } from '#libs/auth/principal.js';
import { ApiScope, Role } from '#libs/auth/roles.js';
import { REPO_ROOT } from '#tools/paths.js';

/** Field names that smell of passport or health data: each must have a policy or be cleared here. */
const SENSITIVE_NAME = /document|passport|test|isolat|contact|health|positive|negative/i;
/** Fields matching that pattern that hold no personal data, and why. */
const NOT_SENSITIVE = new Set([
  'Query.contacts', // an operation: covered by its operation policy
  'Mutation.recordTestResult',
  'Mutation.designateCloseContacts',
  'ClosedLoopStatus', // enum name, not a field
]);

describe('the access policy', async () => {
  const schema = buildSchema(await readFile(path.join(REPO_ROOT, 'schema/api.graphql'), 'utf8'));

  it('names every root operation of the gateway schema', () => {
    const missing = ['Query', 'Mutation', 'Subscription'].flatMap((root) => {
      const type = schema.getType(root);
      if (!type || !isObjectType(type)) return [];
      return Object.keys(type.getFields())
        .map((field) => `${root}.${field}`)
        .filter((key) => !OPERATION_POLICIES[key]);
    });
    assert.deepEqual(missing, [], 'operations without an access policy');
  });

  it('has no entry for an operation that does not exist', () => {
    const stale = Object.keys(OPERATION_POLICIES).filter((key) => {
      const [root, field] = key.split('.');
      if (field.startsWith('_')) return false;
      const type = schema.getType(root);
      return !type || !isObjectType(type) || !type.getFields()[field];
    });
    assert.deepEqual(stale, []);
  });

  it('covers every field that may hold passport or health data', () => {
    const uncovered: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      if (['Query', 'Mutation', 'Subscription'].includes(type.name)) continue;
      for (const field of Object.keys(type.getFields())) {
        const key = `${type.name}.${field}`;
        if (
          SENSITIVE_NAME.test(field) &&
          !SENSITIVE_FIELD_POLICIES[key] &&
          !NOT_SENSITIVE.has(key)
        ) {
          uncovered.push(key);
        }
      }
    }
    assert.deepEqual(uncovered, [], 'sensitive-looking fields without a field policy');
    for (const key of Object.keys(SENSITIVE_FIELD_POLICIES)) {
      const [typeName, field] = key.split('.');
      const type = schema.getType(typeName);
      assert.ok(
        type && isObjectType(type) && type.getFields()[field],
        `${key} is not in the schema`,
      );
    }
  });
});

describe('what callers without a field policy see instead', () => {
  const user = (...roles: Role[]): Principal => ({ kind: 'user', id: 'u', roles });
  const key = (...scopes: ApiScope[]): Principal => ({
    kind: 'apiKey',
    id: 'k',
    name: 'partner',
    scopes,
    organisationId: null,
  });
  const withoutHealth = [
    user(Role.VIEWER),
    user(Role.ACCREDITATION_OFFICER),
    key(ApiScope.ACCREDITATION_READ),
    key(ApiScope.CHECKIN_WRITE),
    key(ApiScope.MOVEMENT_READ),
    null,
  ];
  const withHealth = [
    user(Role.ADMIN),
    user(Role.HEALTH_OFFICER),
    user(Role.INSPECTION_OFFICER),
    user(Role.TRACER),
    key(ApiScope.HEALTH_WRITE),
  ];

  it('shows CLOSE_CONTACT and ISOLATED as IN_LOOP, and lets no one filter on them, without health access', () => {
    for (const principal of withoutHealth) {
      assert.equal(closedLoopStatusShownTo('ISOLATED', principal), 'IN_LOOP');
      assert.equal(closedLoopStatusShownTo('CLOSE_CONTACT', principal), 'IN_LOOP');
      assert.equal(closedLoopStatusShownTo('EXITED', principal), 'EXITED');
      assert.equal(closedLoopStatusesMatching('ISOLATED', principal), null);
      assert.equal(closedLoopStatusesMatching('CLOSE_CONTACT', principal), null);
      assert.deepEqual(closedLoopStatusesMatching('IN_LOOP', principal)?.sort(), [
        'CLOSE_CONTACT',
        'IN_LOOP',
        'ISOLATED',
      ]);
    }
    for (const principal of withHealth) {
      assert.equal(closedLoopStatusShownTo('ISOLATED', principal), 'ISOLATED');
      assert.deepEqual(closedLoopStatusesMatching('ISOLATED', principal), ['ISOLATED']);
      assert.deepEqual(closedLoopStatusesMatching('IN_LOOP', principal), ['IN_LOOP']);
    }
  });

  it('gives live card tokens to officers and accreditation readers, not to VIEWER or health staff', () => {
    for (const principal of [
      user(Role.ACCREDITATION_OFFICER),
      user(Role.INSPECTION_OFFICER),
      user(Role.ADMIN),
      key(ApiScope.ACCREDITATION_READ),
    ]) {
      assert.equal(maySee('Accreditation.cardToken', principal), true);
    }
    for (const principal of [
      user(Role.VIEWER),
      user(Role.HEALTH_OFFICER),
      user(Role.TRACER),
      key(ApiScope.MOVEMENT_READ),
      null,
    ]) {
      assert.equal(maySee('Accreditation.cardToken', principal), false);
    }
  });

  it('shows API keys a role for who changed an accreditation, never a staff email', () => {
    assert.equal(actorShownTo('ada@games.test', user(Role.VIEWER)), 'ada@games.test');
    assert.equal(actorShownTo('ada@games.test', key(ApiScope.ACCREDITATION_READ)), 'staff');
    assert.equal(actorShownTo('import job', key(ApiScope.ACCREDITATION_READ)), 'api key');
    assert.equal(actorShownTo(null, key(ApiScope.ACCREDITATION_READ)), null);
  });
});

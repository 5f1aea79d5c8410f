import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildSchema, isObjectType } from 'graphql';
import { OPERATION_POLICIES, SENSITIVE_FIELD_POLICIES } from '#libs/auth/access-policy.js';
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

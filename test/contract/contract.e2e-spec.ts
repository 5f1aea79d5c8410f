import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  buildSchema,
  findBreakingChanges,
  getIntrospectionQuery,
  buildClientSchema,
  type IntrospectionQuery,
} from 'graphql';
import { composeSupergraph } from '#tools/composition.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { REPO_ROOT } from '#tools/paths.js';

/** The shared contract when it is beside the checkout, else the copy committed with the code. */
async function contractSdl(): Promise<string> {
  const shared = path.resolve(REPO_ROOT, '../shared/contract/partner-api.graphql');
  return readFile(
    existsSync(shared) ? shared : path.join(REPO_ROOT, 'schema/partner-contract.graphql'),
    'utf8',
  );
}

describe('the gateway schema', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({ label: 'contract' });
  });
  after(() => system?.stop());

  it('is composed from the code into the committed supergraph (no drift)', async () => {
    const composed = await composeSupergraph(
      Object.entries(system.subgraphUrls).map(([name, url]) => ({ name, url })),
      system.env.GATEWAY_SECRET,
    );
    const committed = await readFile(path.join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8');
    assert.equal(
      composed.supergraphSdl,
      committed,
      'schema/supergraph.graphql is stale: run `npm run compose`',
    );
    const api = await readFile(path.join(REPO_ROOT, 'schema/api.graphql'), 'utf8');
    assert.equal(composed.publicSdl, api, 'schema/api.graphql is stale: run `npm run compose`');
  });

  it('breaks nothing of the partner contract but the listed pending items, and lists none it no longer needs', async () => {
    const introspection = await system.admin.query<IntrospectionQuery>(getIntrospectionQuery());
    const gateway = buildClientSchema(introspection);
    const breaking = findBreakingChanges(buildSchema(await contractSdl()), gateway).map(
      (c) => c.description,
    );
    const { pending } = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'test/contract/pending.json'), 'utf8'),
    ) as {
      pending: string[];
    };
    assert.deepEqual(
      breaking.filter((b) => !pending.includes(b)),
      [],
      'the gateway breaks the partner contract',
    );
    assert.deepEqual(
      pending.filter((p) => !breaking.includes(p)),
      [],
      'pending items that are built now: remove them from test/contract/pending.json',
    );
  });
});

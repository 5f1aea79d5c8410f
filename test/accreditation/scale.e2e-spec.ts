import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JWK } from 'jose';
import type pg from 'pg';
import { parseSigningKey, verifyCardToken } from '#libs/accreditation/card-token.js';
import { waitForHealthy } from '#libs/common/child-service.js';
import { freePort } from '#libs/common/net.js';
import { generateSecrets } from '#libs/common/secrets.js';
import { serviceDatabaseEnvironment } from '#libs/database/roles.js';
import { REPO_ROOT } from '#tools/paths.js';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import { GraphQLClient } from '#test/support/graphql-client.js';
import { connect, importPeople } from '#test/accreditation/support.js';

describe('accreditation: long lists and a key rotation', () => {
  let system: RunningSystem;
  let db: pg.Client;
  before(async () => {
    system = await startSystem({ label: 'accreditation_scale' });
    db = await connect(system.databaseUrl);
  });
  after(async () => {
    await db?.end();
    await system?.stop();
  });

  /** Family names spread over the alphabet, so people added later land between pages. */
  const spread = (prefix: string) => (i: number) => ({
    familyName: `${String.fromCharCode(65 + ((i * 7) % 26))}${prefix}${i}`,
    givenName: i % 3 === 0 ? 'Same' : `G${i}`,
  });

  it('visits each of 1,001 people exactly once, page by page, also while people are being added', async () => {
    const organisation = await given(system).organisation();
    await importPeople(system, organisation.id, 1001, 'WALK', spread('WALK'));
    const original = new Set(
      (
        await db.query('SELECT id FROM accreditation.people WHERE organisation_id = $1', [
          organisation.id,
        ])
      ).rows.map((r: { id: string }) => r.id),
    );
    assert.equal(original.size, 1001);
    for (const [walk, adding] of [
      ['people', false],
      ['people', true],
      ['organisation', true],
    ] as const) {
      const visits = new Map<string, number>();
      let after: string | null = null;
      let page = 0;
      do {
        const data: {
          people?: Connection;
          organisation?: { people: Connection };
        } = await system.admin.query(
          walk === 'people'
            ? `query($id: ID!, $after: String) { people(filter: { organisationId: $id }, first: 97, after: $after) {
                 nodes { id } pageInfo { hasNextPage endCursor } } }`
            : `query($id: ID!, $after: String) { organisation(id: $id) { people(first: 97, after: $after) {
                 nodes { id } pageInfo { hasNextPage endCursor } } } }`,
          { id: organisation.id, after },
        );
        const connection = (data.people ?? data.organisation?.people)!;
        for (const node of connection.nodes) visits.set(node.id, (visits.get(node.id) ?? 0) + 1);
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
        page += 1;
        if (adding && page % 3 === 0)
          await importPeople(
            system,
            organisation.id,
            5,
            `ADD${walk.slice(0, 1)}${page}X`,
            spread(`ADD${walk.slice(0, 1)}${page}X`),
          );
      } while (after);
      for (const id of original)
        assert.equal(visits.get(id), 1, `${walk}: ${id} visited ${visits.get(id) ?? 0} times`);
      for (const [id, n] of visits) assert.equal(n, 1, `${walk}: ${id} visited ${n} times`);
    }
  });

  it('keeps verifying cards signed before a key rotation until the old key is retired', async () => {
    const g = given(system);
    const person = await g.person((await g.organisation()).id);
    const oldKid = parseSigningKey(system.env.CARD_SIGNING_KEY).kid;
    const oldToken = (await g.approve(person.accreditationId)).cardToken!;
    const newKey = (await generateSecrets()).CARD_SIGNING_KEY;
    const newKid = parseSigningKey(newKey).kid;
    const jwks = async () => {
      const text = (
        await system.admin.query<{ cardVerificationKeys: string }>('{ cardVerificationKeys }')
      ).cardVerificationKeys;
      const set = JSON.parse(text) as { keys: JWK[] };
      for (const k of set.keys) assert.equal('d' in k, false);
      return new Map(set.keys.map((k) => [k.kid!, k]));
    };

    // A new instance of the service starts with the new key: it signs from now on.
    const rotated = await startAccreditation({ CARD_SIGNING_KEY: newKey });
    let newToken: string;
    try {
      const reissued = await rotated.client.query<{ reissueCard: { cardToken: string } }>(
        'mutation($id: ID!) { reissueCard(id: $id) { cardToken } }',
        { id: person.accreditationId },
      );
      newToken = reissued.reissueCard.cardToken;
    } finally {
      await rotated.stop();
    }
    const both = await jwks();
    assert.deepEqual([...both.keys()].sort(), [oldKid, newKid].sort());
    assert.equal((await verifyCardToken(oldToken, both))?.tv, 1);
    assert.equal((await verifyCardToken(newToken, both))?.tv, 2);

    // Retiring the old key: it leaves the JWK Set and what it signed no longer verifies.
    const retiring = await startAccreditation({
      CARD_SIGNING_KEY: newKey,
      CARD_RETIRED_KEY_IDS: oldKid,
    });
    await retiring.stop();
    const after = await jwks();
    assert.deepEqual([...after.keys()], [newKid]);
    assert.equal(await verifyCardToken(oldToken, after), null);
    assert.equal((await verifyCardToken(newToken, after))?.tv, 2);
    const privatePart = (JSON.parse(newKey) as { d: string }).d;
    assert.equal(retiring.output().includes(privatePart), false, 'the private key reached the log');
    assert.match(retiring.output(), new RegExp(`${oldKid} retired`));

    // A retired key never signs again: the service refuses to start with it.
    const refused = spawnAccreditation(
      { CARD_SIGNING_KEY: system.env.CARD_SIGNING_KEY },
      await freePort(),
    );
    const [code] = (await once(refused.child, 'exit')) as [number];
    assert.notEqual(code, 0);
    assert.match(refused.output(), /retired/);
    assert.equal(
      refused.output().includes((JSON.parse(system.env.CARD_SIGNING_KEY) as { d: string }).d),
      false,
    );
  });

  function spawnAccreditation(env: Record<string, string>, port: number) {
    let output = '';
    const child: ChildProcess = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'dist/apps/accreditation/main.js')],
      {
        env: {
          ...process.env,
          ...system.env,
          ...serviceDatabaseEnvironment('accreditation', system.env),
          LOG_LEVEL: 'info',
          PORT: String(port),
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output };
  }

  /** Another instance of the accreditation service on the same database, as after a redeploy. */
  async function startAccreditation(env: Record<string, string>) {
    const port = await freePort();
    const { child, output } = spawnAccreditation(env, port);
    const stop = async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    };
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/health`, {
        name: 'accreditation (second instance)',
        process: child,
        stop,
      });
    } catch (error) {
      await stop();
      throw new Error(`${String(error)}\n${output()}`);
    }
    return {
      // This instance is called itself, as the gateway would call it.
      client: new GraphQLClient(
        `http://127.0.0.1:${port}/graphql`,
        system.admin.token,
        system.env.GATEWAY_SECRET,
      ),
      stop,
      output,
    };
  }
});

interface Connection {
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

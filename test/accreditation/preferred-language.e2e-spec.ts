import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';

const ME = '{ me { id preferredLanguage } }';
const SET = `mutation($language: Language!) { setPreferredLanguage(language: $language) { id preferredLanguage } }`;

interface Me {
  id: string;
  preferredLanguage: string | null;
}

describe('a user’s language of the staff screens, through the gateway', () => {
  let system: RunningSystem;
  before(async () => {
    system = await startSystem({ label: 'accreditation_language' });
  });
  after(async () => {
    await system?.stop();
  });

  it('is none until chosen, then follows the user to a new session, and only theirs', async () => {
    const account = await given(system).account(['INSPECTION_OFFICER']);
    const other = await given(system).user(['VIEWER']);
    const { me } = await account.client.query<{ me: Me }>(ME);
    assert.equal(me.preferredLanguage, null);

    const set = await account.client.query<{ setPreferredLanguage: Me }>(SET, { language: 'ZH' });
    assert.deepEqual(set.setPreferredLanguage, { id: me.id, preferredLanguage: 'ZH' });

    // Another device: a new session of the same user reads the same choice.
    const elsewhere = await system.anonymous.login(account.email, account.password);
    assert.equal((await elsewhere.query<{ me: Me }>(ME)).me.preferredLanguage, 'ZH');
    await elsewhere.query(SET, { language: 'FR' });
    assert.equal((await account.client.query<{ me: Me }>(ME)).me.preferredLanguage, 'FR');

    // Each user their own: the other user's choice is untouched.
    assert.equal((await other.query<{ me: Me }>(ME)).me.preferredLanguage, null);
  });

  it('refuses a language the screens are not written in, and a caller who is not signed in', async () => {
    const user = await given(system).user(['VIEWER']);
    const [unknown] = await user.errors(SET, { language: 'DE' });
    assert.ok(unknown, 'DE is not a language of the screens');
    assert.equal((await user.query<{ me: Me }>(ME)).me.preferredLanguage, null);

    const [anonymous] = await system.anonymous.errors(SET, { language: 'FR' });
    assert.equal(anonymous.extensions?.code, 'UNAUTHENTICATED');
  });

  it('refuses an API key: only a person reads the screens', async () => {
    const { createApiKey } = await system.admin.query<{ createApiKey: { secret: string } }>(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
      { input: { name: 'language test key', scopes: ['ACCREDITATION_READ'] } },
    );
    const key = system.anonymous.withToken(createApiKey.secret);
    const [refused] = await key.errors(SET, { language: 'FR' });
    assert.equal(refused.extensions?.code, 'FORBIDDEN');
  });
});

import assert from 'node:assert/strict';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** What the gateway answers a signed-in call: OK or the error's code. */
async function outcome(client: GraphQLClient): Promise<string> {
  const result = await client.request('{ people(first: 1) { totalCount } }');
  return result.errors?.[0]?.extensions?.code ?? 'OK';
}

screen('Users and API keys', () => {
  scenario('only ADMIN finds the Users and API keys screens', async (s) => {
    const admin = await s.signIn('ADMIN');
    const nav = admin.page.getByRole('navigation', { name: 'Screens' });
    await nav.getByRole('link', { name: 'Users' }).waitFor();
    await nav.getByRole('link', { name: 'API keys' }).waitFor();

    const officer = await s.signIn(['ACCREDITATION_OFFICER', 'INSPECTION_OFFICER']);
    const links = await officer.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link')
      .allTextContents();
    assert.ok(!links.includes('Users') && !links.includes('API keys'), links.join(', '));
    // Asked for by its address, the screen is not shown: the client moves to an allowed one.
    await officer.page.goto(`${officer.baseUrl}/#/users`);
    await officer.page.waitForURL((url) => url.hash !== '#/users');
    await officer.page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.equal(await officer.page.getByRole('heading', { name: 'Users', level: 1 }).count(), 0);
  });

  scenario(
    'a user is created with roles, disabled (asked first) and refused at once, then enabled',
    async (s) => {
      // "a-" sorts before every other address, so the user is on the first page.
      const email = `a-web-${unique()}@games.test`;
      const password = 'a-long-password-for-the-web';
      const { page, open, shot } = await s.signIn('ADMIN');
      await open('users');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Initial password').fill('short');
      await page.getByRole('checkbox', { name: 'Tracer' }).check();
      await page.getByRole('checkbox', { name: 'Viewer' }).check();
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.locator('.field-error').first().waitFor();
      assert.equal(await page.getByLabel('Initial password').getAttribute('aria-invalid'), 'true');

      await page.getByLabel('Initial password').fill(password);
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByText(`Created ${email}.`).waitFor();
      const row = page.getByRole('row').filter({ hasText: email });
      await row.getByText('Tracer, Viewer').waitFor();
      await row.getByText('Active').waitFor();
      await shot('users');

      const session = await s.system.anonymous.login(email, password);
      assert.equal(await outcome(session), 'OK');

      // Asked first; cancelling changes nothing.
      await row.getByRole('button', { name: `Disable ${email}` }).click();
      const dialog = page.getByRole('dialog', { name: `Disable ${email}` });
      await dialog.getByText('Every session of this user ends at once').waitFor();
      await shot('users-disable');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await outcome(session), 'OK');

      await row.getByRole('button', { name: `Disable ${email}` }).click();
      await dialog.getByRole('button', { name: 'Disable user' }).click();
      await page.getByText(`${email} is disabled: every session of theirs has ended.`).waitFor();
      await row.getByText('Disabled').waitFor();
      assert.equal(await outcome(session), 'UNAUTHENTICATED');
      const signIn = await s.system.anonymous.request(
        `mutation($input: LoginInput!) { login(input: $input) { token } }`,
        { input: { email, password } },
      );
      assert.equal(signIn.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');

      await row.getByRole('button', { name: `Enable ${email}` }).click();
      await page
        .getByRole('dialog', { name: `Enable ${email}` })
        .getByRole('button', { name: 'Enable user' })
        .click();
      await page.getByText(`${email} is enabled and may sign in again.`).waitFor();
      await row.getByText('Active').waitFor();
      assert.equal(await outcome(await s.system.anonymous.login(email, password)), 'OK');
    },
  );

  scenario('signing out ends the session on the server, not only in the tab', async (s) => {
    const { page } = await s.signIn('VIEWER');
    const token = await page.evaluate(() => window.sessionStorage.getItem('staff-web.token'));
    assert.ok(token);
    const sameSession = s.system.anonymous.withToken(token);
    assert.equal(await outcome(sameSession), 'OK');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Games staff sign in' }).waitFor();
    assert.equal(await outcome(sameSession), 'UNAUTHENTICATED');
  });

  scenario(
    'an API key is created with its secret shown once, and revoked (asked first)',
    async (s) => {
      const name = `Partner ${unique()}`;
      const { page, open, shot } = await s.signIn('ADMIN');
      await open('api-keys');
      await page.getByLabel('Name').fill(name);
      await page.getByRole('checkbox', { name: 'Read accreditations' }).check();
      await page.getByRole('button', { name: 'Create API key' }).click();
      const secretBox = page.getByRole('status').filter({ hasText: `Secret of ${name}` });
      await secretBox.waitFor();
      const secret = (await page.getByLabel('Secret', { exact: true }).textContent())?.trim() ?? '';
      assert.match(secret, /^gak_[\w-]{43}$/);
      const row = page.getByRole('row').filter({ hasText: name });
      await row.getByText('Read accreditations').waitFor();
      await shot('api-keys');
      const key = s.system.anonymous.withToken(secret);
      assert.equal(await outcome(key), 'OK');

      // Once: dismissed, the secret is nowhere on the page any more.
      await page.getByRole('button', { name: 'I have stored it' }).click();
      await secretBox.waitFor({ state: 'detached' });
      assert.equal(await page.getByText(secret).count(), 0);

      await row.getByRole('button', { name: `Revoke ${name}` }).click();
      const dialog = page.getByRole('dialog', { name: `Revoke ${name}` });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      assert.equal(await outcome(key), 'OK');
      await row.getByRole('button', { name: `Revoke ${name}` }).click();
      await dialog.getByRole('button', { name: 'Revoke key' }).click();
      await page.getByText(`${name} is revoked`).waitFor();
      await row.getByText(/^Revoked /).waitFor();
      assert.equal(await outcome(key), 'UNAUTHENTICATED');
    },
  );
});

import assert from 'node:assert/strict';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

screen('Sign-in and session', () => {
  scenario('login shows the sign-in form and opens the screens of the role', async (s) => {
    const officer = await s.given.account(['INSPECTION_OFFICER']);
    const { page, shot } = await s.signedOut();
    await page.getByRole('textbox', { name: 'Email' }).fill(officer.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Email or password is not correct.').waitFor();
    await page.getByLabel('Password').fill(officer.password);
    await shot('login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await nav.waitFor();
    assert.deepEqual(await nav.getByRole('link').allTextContents(), [
      'Gate',
      'Arrival desk',
      'Live board',
      'Conflicts',
    ]);
  });
});

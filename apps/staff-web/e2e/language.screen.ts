import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '#tools/paths.js';
import { scenario, screen } from '#apps/staff-web/e2e/support/staff-web.js';

type Language = 'en' | 'fr' | 'zh';
const LANGUAGES: readonly Language[] = ['en', 'fr', 'zh'];

/** The catalogues the client is built with: a scenario reads what each language says. */
const CATALOGUES = Object.fromEntries(
  LANGUAGES.map((l) => [
    l,
    JSON.parse(
      readFileSync(path.join(REPO_ROOT, `apps/staff-web/src/i18n/messages/${l}.json`), 'utf8'),
    ) as Record<string, string>,
  ]),
) as Record<Language, Record<string, string>>;

/** A message without placeholders, in a language (a missing id fails the scenario). */
function say(language: Language, id: string): string {
  const text = CATALOGUES[language][id];
  assert.ok(text, `${language}.json has ${id}`);
  return text;
}

screen('Languages', () => {
  scenario('the sign-in form speaks the browser’s language and keeps a choice', async (s) => {
    const { page } = await s.signedOut({ locale: 'zh-CN' });
    await page.getByRole('heading', { name: say('zh', 'login.title') }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');

    await page.getByRole('combobox', { name: say('zh', 'language.label') }).selectOption('fr');
    await page.getByRole('heading', { name: say('fr', 'login.title') }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');

    // The choice outlives the page: the form speaks French again after a reload.
    await page.reload();
    await page.getByRole('heading', { name: say('fr', 'login.title') }).waitFor();
    await page.getByRole('button', { name: say('fr', 'login.signIn') }).waitFor();
  });
});

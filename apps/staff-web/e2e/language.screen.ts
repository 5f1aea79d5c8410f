import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '#tools/paths.js';
import { seed } from '#apps/staff-web/e2e/support/seed.js';
import { scenario, screen, type StaffPage } from '#apps/staff-web/e2e/support/staff-web.js';

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

const HTML_LANG: Record<Language, string> = { en: 'en', fr: 'fr', zh: 'zh-Hans' };

/** Chooses a language with the switcher in the header (labelled in the language shown now). */
async function switchTo(tab: StaffPage, from: Language, to: Language): Promise<void> {
  await tab.page.getByRole('combobox', { name: say(from, 'language.label') }).selectOption(to);
  await tab.page.getByRole('navigation', { name: say(to, 'shell.screens') }).waitFor();
  assert.equal(await tab.page.locator('html').getAttribute('lang'), HTML_LANG[to]);
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

  scenario(
    'a gate scan in each language, and the choice follows the user to a new session',
    async (s) => {
      const organisation = await s.given.organisation();
      // Suspended, and accredited for another venue: two reasons to read in each language.
      const person = await s.given.arrivedPerson(organisation.id, {
        venues: ['YAN'],
        zones: ['1'],
      });
      await seed(s.admin).suspend(person.accreditationId);
      const area = await s.given.area({
        kind: 'VENUE',
        venueCode: 'NST',
        zone: '1',
        closedLoop: true,
      });
      const officer = await s.given.account(['INSPECTION_OFFICER']);

      const tab = await s.signedOut();
      const { page } = tab;
      await page.getByRole('textbox', { name: 'Email' }).fill(officer.email);
      await page.getByLabel('Password').fill(officer.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Screens' }).waitFor();

      let current: Language = 'en';
      for (const language of LANGUAGES) {
        if (language !== current) await switchTo(tab, current, language);
        current = language;
        await tab.open('gate');
        await page.getByRole('heading', { level: 1, name: say(language, 'screen.gate') }).waitFor();
        await page
          .locator(`#gate-area option[value="${area.code}"]`)
          .waitFor({ state: 'attached' });
        await page.getByLabel(say(language, 'common.inspectionArea')).selectOption(area.code);
        await page.getByLabel(say(language, 'gate.autoReturn')).selectOption('0');
        await page
          .getByRole('textbox', { name: say(language, 'gate.cardField') })
          .fill(person.cardNumber);
        await page.getByText(say(language, 'cardInput.valid')).waitFor();
        await page.getByRole('button', { name: say(language, 'gate.check') }).click();

        const verdict = page.getByRole('alertdialog');
        await verdict.waitFor();
        assert.equal(
          (await verdict.getByRole('heading', { level: 2 }).textContent())?.trim(),
          say(language, 'decision.DENIED'),
        );
        const reasons = await verdict
          .getByRole('list', { name: say(language, 'gate.reasonsLabel') })
          .getByRole('listitem')
          .allTextContents();
        for (const reason of ['reason.SUSPENDED', 'reason.NO_VENUE_ACCESS']) {
          assert.ok(reasons.includes(say(language, reason)), `${language}: ${reasons.join(' | ')}`);
        }
        await verdict
          .getByRole('list', { name: say(language, 'gate.whatNext') })
          .getByText(say(language, 'nextStep.SUSPENDED'))
          .waitFor();
        await tab.shot(`gate-language-${language}`);
        await verdict.getByRole('button', { name: say(language, 'gate.nextScan') }).click();
        await verdict.waitFor({ state: 'detached' });
      }

      // Another device, in an English browser: the user's choice (Chinese) comes with them.
      const elsewhere = await s.signedOut({ locale: 'en-GB' });
      await elsewhere.page.getByRole('textbox', { name: 'Email' }).fill(officer.email);
      await elsewhere.page.getByLabel('Password').fill(officer.password);
      await elsewhere.page.getByRole('button', { name: 'Sign in' }).click();
      await elsewhere.page.getByRole('navigation', { name: say('zh', 'shell.screens') }).waitFor();
      assert.equal(await elsewhere.page.locator('html').getAttribute('lang'), 'zh-Hans');
    },
  );
});

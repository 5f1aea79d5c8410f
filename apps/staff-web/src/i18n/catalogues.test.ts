import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '@formatjs/icu-messageformat-parser';
import { translationProblem } from './check-translation';
import { extractMessages } from './extract-messages';
import { LANGUAGES } from './languages';

const here = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.resolve(here, '..');
const catalogueFile = (language: string) => path.join(here, 'messages', `${language}.json`);
const readCatalogue = (language: string) =>
  JSON.parse(readFileSync(catalogueFile(language), 'utf8')) as Record<string, string>;

const { messages, unreadable, literals } = extractMessages(srcDir);
const english = new Map<string, string>();
const conflicting: string[] = [];
for (const m of messages) {
  const seen = english.get(m.id);
  if (seen !== undefined && seen !== m.defaultMessage) conflicting.push(`${m.id} (${m.file})`);
  english.set(m.id, m.defaultMessage);
}

// `UPDATE_CATALOGUES=1` (npm run i18n:extract) rewrites en.json from the source, sorted by id;
// the other languages are then told apart by the tests below.
if (process.env.UPDATE_CATALOGUES) {
  const sorted = Object.fromEntries([...english].sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(catalogueFile('en'), `${JSON.stringify(sorted, null, 2)}\n`);
}

describe('message catalogues', () => {
  it('every message in the source has a literal id and English text, one text per id', () => {
    expect(unreadable).toEqual([]);
    expect(conflicting).toEqual([]);
    expect(english.size).toBeGreaterThan(0);
  });

  it('no words are written into the markup: every text a person reads comes from a catalogue', () => {
    expect(literals.map((l) => `${l.file}:${l.line} ${l.problem}`)).toEqual([]);
  });

  it('en.json is the English of the source, no more and no less (npm run i18n:extract)', () => {
    expect(readCatalogue('en')).toEqual(Object.fromEntries(english));
  });

  describe.each(LANGUAGES.filter((l) => l !== 'en'))('%s', (language) => {
    const catalogue = readCatalogue(language);

    it('has every message the source uses', () => {
      const missing = [...english.keys()].filter((id) => !(id in catalogue));
      expect(missing).toEqual([]);
    });

    it('has no message the source does not use', () => {
      const unused = Object.keys(catalogue).filter((id) => !english.has(id));
      expect(unused).toEqual([]);
    });

    it('translates every message, keeping its placeholders', () => {
      const wrong: string[] = [];
      for (const [id, text] of Object.entries(catalogue)) {
        const source = english.get(id);
        if (source === undefined) continue;
        const problem = translationProblem(source, text);
        if (problem) wrong.push(`${id}: ${problem}`);
      }
      expect(wrong).toEqual([]);
    });
  });

  it('every English message is ICU MessageFormat', () => {
    const wrong = [...english].filter(([, text]) => {
      try {
        parse(text);
        return false;
      } catch {
        return true;
      }
    });
    expect(wrong).toEqual([]);
  });
});

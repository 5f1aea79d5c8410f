import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { CATALOGUES } from '../i18n/messages';
import { REASON_MESSAGES, REASON_ORDER, reasonIn, reasonText } from './reasons';

describe('denial reason wording', () => {
  it('has one distinct plain sentence for every reason in the contract', () => {
    expect(Object.keys(REASON_MESSAGES).sort()).toEqual([...REASON_ORDER].sort());
    const sentences = REASON_ORDER.map(reasonText);
    expect(new Set(sentences).size).toBe(REASON_ORDER.length);
    for (const s of sentences) {
      expect(s).toMatch(/^[A-Z].*\.$/);
      expect(s).not.toMatch(/_/);
    }
  });

  it('words the reasons a gate officer sees most', () => {
    expect(reasonText('SUSPENDED')).toBe('The accreditation is suspended.');
    expect(reasonText('NO_ZONE_ACCESS')).toBe('The card does not give access to this zone.');
    expect(reasonText('SUPERSEDED_TOKEN')).toMatch(/replaced by a newer card/);
  });

  it('says every reason in French and Chinese, each its own sentence, and an unknown one by its code', () => {
    for (const [language, locale] of [
      ['fr', 'fr-FR'],
      ['zh', 'zh-CN'],
    ] as const) {
      const intl = createIntl({ locale, messages: CATALOGUES[language] });
      const sentences = REASON_ORDER.map((r) => reasonIn(intl, r));
      expect(new Set(sentences).size).toBe(REASON_ORDER.length);
      for (const [i, s] of sentences.entries()) {
        expect(s).not.toBe(reasonText(REASON_ORDER[i]));
      }
    }
    const fr = createIntl({ locale: 'fr-FR', messages: CATALOGUES.fr });
    expect(reasonIn(fr, 'SUSPENDED')).toBe('L’accréditation est suspendue.');
    expect(reasonIn(fr, 'SOMETHING_NEW' as never)).toBe('Refusé : SOMETHING_NEW');
    const zh = createIntl({ locale: 'zh-CN', messages: CATALOGUES.zh });
    expect(reasonIn(zh, 'ISOLATED')).toBe('此人因检测阳性正在隔离。');
  });
});

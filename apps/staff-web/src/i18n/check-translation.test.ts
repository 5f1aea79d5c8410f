import { describe, expect, it } from 'vitest';
import { translationProblem } from './check-translation';

describe('a translation against its English', () => {
  it('accepts the same arguments and tags, whatever their kind (no plural in Chinese)', () => {
    expect(
      translationProblem('{count, plural, one {# scan} other {# scans}}', '{count} 次扫描'),
    ).toBeNull();
    expect(
      translationProblem('Registered <link>{name}</link>.', '<link>{name}</link> enregistré.'),
    ).toBeNull();
  });

  it('refuses a lost or renamed argument, a lost tag, broken ICU and an empty text', () => {
    expect(translationProblem('Revoke {name}', 'Révoquer')).toMatch(/instead of name/);
    expect(translationProblem('Revoke {name}', 'Révoquer {nom}')).toMatch(/nom instead of name/);
    expect(translationProblem('See <link>Conflicts</link>', 'Voir Conflits')).toMatch(/<link>/);
    expect(translationProblem('{n} min', '{n min')).toMatch(/not ICU/);
    expect(translationProblem('Cancel', ' ')).toBe('empty');
  });
});

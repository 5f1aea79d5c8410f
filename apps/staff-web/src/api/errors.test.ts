import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { CATALOGUES } from '../i18n/messages';
import { describeErrorIn } from './errors';

const lost = new CombinedError({
  graphQLErrors: [
    new GraphQLError('the accreditation service did not answer: socket hang up', {
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'accreditation' },
    }),
  ],
});

describe('the sentence for a failure', () => {
  it('says a lost answer may or may not have been applied, in each language', () => {
    const en = createIntl({ locale: 'en-GB', messages: CATALOGUES.en });
    expect(describeErrorIn(en, lost)).toBe(
      'A service did not answer, so this may or may not have been done. Check before trying again. (the accreditation service did not answer: socket hang up)',
    );
    const fr = createIntl({ locale: 'fr-FR', messages: CATALOGUES.fr });
    expect(describeErrorIn(fr, lost)).toContain('a pu être faite ou non');
    const zh = createIntl({ locale: 'zh-CN', messages: CATALOGUES.zh });
    expect(describeErrorIn(zh, lost)).toContain('可能已完成，也可能未完成');
  });

  it('quotes the server for an error it has no sentence of its own for', () => {
    const en = createIntl({ locale: 'en-GB', messages: CATALOGUES.en });
    const other = new CombinedError({
      graphQLErrors: [new GraphQLError('Internal error (id 1)', { extensions: { code: 'X' } })],
    });
    expect(describeErrorIn(en, other)).toBe('Internal error (id 1)');
  });
});

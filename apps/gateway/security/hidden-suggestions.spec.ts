import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutSuggestions } from '#apps/gateway/security/hidden-suggestions.plugin.js';

describe('withoutSuggestions', () => {
  it('drops every form of "Did you mean" graphql-js writes', () => {
    const cases: [string, string][] = [
      [
        'Cannot query field "peple" on type "Query". Did you mean "people"?',
        'Cannot query field "peple" on type "Query".',
      ],
      [
        'Value "NOCC" does not exist in "OrganisationType" enum. Did you mean the enum value "NOC"?',
        'Value "NOCC" does not exist in "OrganisationType" enum.',
      ],
      [
        'Variable "$input" got invalid value "NOCC" at "input.type"; Value "NOCC" does not exist in "OrganisationType" enum. Did you mean the enum value "NOC" or "IF"?',
        'Variable "$input" got invalid value "NOCC" at "input.type"; Value "NOCC" does not exist in "OrganisationType" enum.',
      ],
      [
        'Unknown type "Persn". Did you mean "Person", "PersonEdge", or "PersonConnection"?',
        'Unknown type "Persn".',
      ],
      ['Sign in first', 'Sign in first'],
    ];
    for (const [message, hidden] of cases) assert.equal(withoutSuggestions(message), hidden);
  });
});

import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { PeoplePage } from './PeoplePage';

function person(n: number) {
  return {
    __typename: 'Person',
    id: `p${n}`,
    givenName: `Given${n}`,
    familyName: 'Hansen',
    function: 'Athlete',
    organisation: { __typename: 'Organisation', id: 'o1', code: 'NOC-NOR', name: 'Norway' },
    accreditation: {
      __typename: 'Accreditation',
      id: `a${n}`,
      cardNumber: String(10000000 + n),
      category: 'Aa',
      status: 'APPROVED',
    },
    closedLoop: { __typename: 'ClosedLoopState', status: 'IN_LOOP', testDueBy: null },
  };
}

describe('PeoplePage', () => {
  it('searches as you type (debounced), shows the total and pages with after/endCursor', async () => {
    const { client, calls } = stubClient({
      Organisations: () => ({ data: { organisations: [] } }),
      People: (vars) => {
        const after = vars.after as string | null;
        const start = after ? Number(after) : 0;
        const nodes = Array.from({ length: start === 0 ? 20 : 5 }, (_, i) => person(start + i + 1));
        return {
          data: {
            people: {
              __typename: 'PersonConnection',
              totalCount: 25,
              pageInfo: {
                __typename: 'PageInfo',
                hasNextPage: start === 0,
                endCursor: String(start + nodes.length),
              },
              nodes,
            },
          },
        };
      },
    });
    renderWith(<PeoplePage editable />, client);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search people' }), 'hansen');
    expect(await screen.findByText('25 people found')).toBeTruthy();
    await waitFor(() => {
      const searched = calls.filter((c) => c.operation === 'People').map((c) => c.variables.filter);
      expect(searched.at(-1)).toEqual({ search: 'hansen' });
      // Typing six letters did not send six searches.
      expect(searched.filter((f) => JSON.stringify(f) !== '{}').length).toBe(1);
    });
    const table = screen.getByRole('table', { name: 'People' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(21));
    await userEvent.click(screen.getByRole('button', { name: 'Show more (20 of 25 shown)' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(26));
    expect(calls.at(-1)?.variables).toMatchObject({ after: '20', filter: { search: 'hansen' } });
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();
    expect(within(table).getByRole('link', { name: 'Given25 Hansen' }).getAttribute('href')).toBe(
      '#/person/p25',
    );
    expect(screen.getByRole('link', { name: 'Register a person' })).toBeTruthy();
  });
});

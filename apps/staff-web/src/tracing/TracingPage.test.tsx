import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { TRACE_FIRST, TracingPage } from './TracingPage';

const subject = {
  __typename: 'Person',
  id: 'p1',
  givenName: 'Ada',
  familyName: 'Subject',
  function: 'Athlete',
  organisation: { __typename: 'Organisation', id: 'o1', code: 'NOC-NOR', name: 'Norway' },
  accreditation: {
    __typename: 'Accreditation',
    id: 'a1',
    cardNumber: '12345671',
    category: 'Aa',
    status: 'ACTIVE',
  },
  closedLoop: { __typename: 'ClosedLoopState', status: 'IN_LOOP', testDueBy: null },
};

/** The person picker's search, finding the subject. */
const findsSubject = () => ({
  data: {
    people: {
      __typename: 'PersonConnection',
      totalCount: 1,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      nodes: [subject],
    },
  },
});

function contact(id: string, given: string, minutes: number) {
  return {
    __typename: 'Contact',
    totalMinutes: minutes,
    person: {
      __typename: 'Person',
      id,
      givenName: given,
      familyName: 'Contact',
      organisation: { __typename: 'Organisation', id: 'o1', name: 'Norway' },
      closedLoop: { __typename: 'ClosedLoopState', status: 'IN_LOOP' },
    },
    encounters: [
      {
        __typename: 'Encounter',
        location: 'BUS-0042',
        from: '2022-02-04T10:00:00Z',
        until: '2022-02-04T11:30:00Z',
        minutes,
      },
    ],
  };
}

describe('TracingPage', () => {
  it('ranks contacts and designates them only after a confirmation listing who', async () => {
    const { client, calls } = stubClient({
      People: findsSubject,
      Trace: () => ({
        data: {
          stays: [
            {
              __typename: 'Stay',
              location: 'BUS-0042',
              from: '2022-02-04T09:50:00Z',
              until: null,
            },
          ],
          contacts: [contact('c1', 'Bo', 90), contact('c2', 'Cy', 20)],
        },
      }),
      DesignateCloseContacts: () => ({
        data: {
          designateCloseContacts: ['c1', 'c2'].map((id, i) => ({
            __typename: 'Contact',
            totalMinutes: 0,
            person: {
              __typename: 'Person',
              id,
              givenName: i === 0 ? 'Bo' : 'Cy',
              familyName: 'Contact',
              closedLoop: {
                __typename: 'ClosedLoopState',
                status: 'CLOSE_CONTACT',
                closeContactUntil: null,
              },
            },
          })),
        },
      }),
    });
    renderWith(<TracingPage />, client);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Person to trace' }), 'Subject');
    await userEvent.click(await screen.findByRole('button', { name: /^Select Ada Subject/ }));
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Minimum minutes together' }));
    await userEvent.type(
      screen.getByRole('spinbutton', { name: 'Minimum minutes together' }),
      '20',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Find stays and contacts' }));

    const table = await screen.findByRole('table', { name: 'Contacts, most minutes first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual(['1', '2']);
    expect(within(rows[0]).getByText(/Bo Contact/)).toBeTruthy();
    expect(screen.getByText('still there', { exact: false })).toBeTruthy();
    const trace = calls.find((c) => c.operation === 'Trace')?.variables;
    expect(trace).toMatchObject({ personId: 'p1', minMinutes: 20 });

    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Tick the contacts to designate' })
        .disabled,
    ).toBe(true);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Designate Bo Contact' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Designate Cy Contact' }));
    await userEvent.click(screen.getByRole('button', { name: 'Designate 2 close contacts…' }));
    const dialog = screen.getByRole('dialog', { name: 'Designate close contacts?' });
    const listed = within(dialog).getByRole('list', { name: 'People to be marked' });
    expect(
      within(listed)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Bo Contact — 90 min', 'Cy Contact — 20 min']);
    expect(calls.some((c) => c.operation === 'DesignateCloseContacts')).toBe(false);

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.operation === 'DesignateCloseContacts')).toBe(false);

    await userEvent.click(screen.getByRole('checkbox', { name: 'Designate Cy Contact' }));
    await userEvent.click(screen.getByRole('button', { name: 'Designate 1 close contact…' }));
    await userEvent.dblClick(screen.getByRole('button', { name: 'Mark 1 as close contact' }));
    expect(await screen.findByText(/2 people marked as close contacts/)).toBeTruthy();
    const designations = calls.filter((c) => c.operation === 'DesignateCloseContacts');
    expect(designations).toHaveLength(1);
    // The traced window, without the page size the screen asked contacts for.
    expect(designations[0].variables).toEqual({
      personId: 'p1',
      from: trace?.from,
      to: trace?.to,
      minMinutes: 20,
      personIds: ['c1'],
    });
    // The statuses are read again after the designation.
    expect(calls.filter((c) => c.operation === 'Trace')).toHaveLength(2);
  });

  it('shows the closest contacts of a long list first, and every one when asked', async () => {
    const everyone = Array.from({ length: TRACE_FIRST + 40 }, (_, i) =>
      contact(`c${i}`, `N${i}`, 1000 - i),
    );
    const { client, calls } = stubClient({
      People: findsSubject,
      // As the server answers: the first `first` of them, or all when it is null.
      Trace: ({ first }) => ({
        data: {
          stays: [],
          contacts: typeof first === 'number' ? everyone.slice(0, first) : everyone,
        },
      }),
    });
    renderWith(<TracingPage />, client);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Person to trace' }), 'Subject');
    await userEvent.click(await screen.findByRole('button', { name: /^Select Ada Subject/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Find stays and contacts' }));

    const table = await screen.findByRole('table', { name: 'Contacts, most minutes first' });
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(TRACE_FIRST);
    expect(screen.getByRole('status').textContent).toContain(
      `The ${TRACE_FIRST} contacts with the most minutes are shown; there are more.`,
    );
    expect(calls.filter((c) => c.operation === 'Trace').map((c) => c.variables.first)).toEqual([
      TRACE_FIRST + 1,
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Show every contact' }));
    await screen.findByRole('checkbox', { name: `Designate N${TRACE_FIRST + 39} Contact` });
    const all = screen.getByRole('table', { name: 'Contacts, most minutes first' });
    expect(within(all).getAllByRole('row').slice(1)).toHaveLength(TRACE_FIRST + 40);
    expect(screen.queryByRole('button', { name: 'Show every contact' })).toBeNull();
    expect(calls.filter((c) => c.operation === 'Trace').map((c) => c.variables.first)).toEqual([
      TRACE_FIRST + 1,
      null,
    ]);
  });
});

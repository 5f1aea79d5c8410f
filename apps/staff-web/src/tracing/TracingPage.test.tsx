import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { TracingPage } from './TracingPage';

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
      People: () => ({
        data: {
          people: {
            __typename: 'PersonConnection',
            totalCount: 1,
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            nodes: [subject],
          },
        },
      }),
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
    expect(designations[0].variables).toEqual({ ...trace, personIds: ['c1'] });
    // The statuses are read again after the designation.
    expect(calls.filter((c) => c.operation === 'Trace')).toHaveLength(2);
  });
});

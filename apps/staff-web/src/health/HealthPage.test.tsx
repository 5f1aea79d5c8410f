import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { HealthPage } from './HealthPage';

const eva = {
  __typename: 'Person',
  id: 'p5',
  givenName: 'Eva',
  familyName: 'Tested',
  function: 'Athlete',
  organisation: { __typename: 'Organisation', id: 'o1', code: 'NOC-NOR', name: 'Norway' },
  accreditation: {
    __typename: 'Accreditation',
    id: 'a5',
    cardNumber: '12345671',
    category: 'Aa',
    status: 'ACTIVE',
  },
  closedLoop: { __typename: 'ClosedLoopState', status: 'IN_LOOP', testDueBy: null },
};

const noneDue = {
  __typename: 'PersonConnection',
  totalCount: 0,
  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
  nodes: [],
};

const dueAt = (iso: string, id: string, givenName: string) => ({
  ...eva,
  id,
  givenName,
  accreditation: { ...eva.accreditation, id: `a-${id}` },
  closedLoop: { __typename: 'ClosedLoopState', status: 'IN_LOOP', testDueBy: iso },
});

describe('HealthPage', () => {
  it("lists today's tests due, overdue first and marked so", async () => {
    const { client, calls } = stubClient({
      People: () => ({ data: { people: noneDue } }),
      TestsDue: () => ({
        data: {
          testsDue: {
            ...noneDue,
            totalCount: 2,
            nodes: [
              dueAt(new Date(Date.now() - 3_600_000).toISOString(), 'p1', 'Olga'),
              dueAt(new Date(Date.now() + 3_600_000).toISOString(), 'p2', 'Nils'),
            ],
          },
        },
      }),
    });
    renderWith(<HealthPage />, client);
    const list = await screen.findByRole('list', { name: 'Tests due today, overdue first' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0].textContent).toMatch(/^Overdue Olga Tested/);
    expect(items[1].textContent).not.toMatch(/Overdue/);
    const before = calls.find((c) => c.operation === 'TestsDue')?.variables.before as string;
    expect(new Date(before).getHours()).toBe(0);
    expect(Date.parse(before)).toBeGreaterThan(Date.now());
  });

  it('says in words when a result changed nothing', async () => {
    const { client } = stubClient({
      People: (vars) => {
        const filter = vars.filter as { closedLoopStatus?: string };
        const nodes = filter.closedLoopStatus === 'ISOLATED' ? [] : [eva];
        return { data: { people: { ...noneDue, totalCount: nodes.length, nodes } } };
      },
      TestsDue: () => ({ data: { testsDue: noneDue } }),
      RecordTestResult: () => ({
        data: {
          recordTestResult: {
            __typename: 'ClosedLoopState',
            status: 'IN_LOOP',
            lastNegativeTestAt: null,
            testDueBy: null,
            stateChanged: false,
          },
        },
      }),
    });
    renderWith(<HealthPage />, client);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Person tested' }), 'Eva');
    await userEvent.click(await screen.findByRole('button', { name: /^Select Eva Tested/ }));
    await userEvent.click(screen.getByRole('radio', { name: 'Negative' }));
    await userEvent.click(screen.getByRole('button', { name: 'Record result' }));
    expect(
      await screen.findByText(
        /did not change the closed-loop state \(a later sample was already recorded\)/,
      ),
    ).toBeTruthy();
  });

  it('records a positive result now, lists the isolated person and releases with a reason', async () => {
    let isolated = false;
    const { client, calls } = stubClient({
      People: (vars) => {
        const filter = vars.filter as { closedLoopStatus?: string; search?: string };
        const nodes =
          filter.closedLoopStatus === 'ISOLATED'
            ? isolated
              ? [{ ...eva, closedLoop: { ...eva.closedLoop, status: 'ISOLATED' } }]
              : []
            : [eva];
        return {
          data: {
            people: {
              __typename: 'PersonConnection',
              totalCount: nodes.length,
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              nodes,
            },
          },
        };
      },
      RecordTestResult: () => {
        isolated = true;
        return {
          data: {
            recordTestResult: {
              __typename: 'ClosedLoopState',
              status: 'ISOLATED',
              lastNegativeTestAt: null,
              testDueBy: null,
              stateChanged: true,
            },
          },
        };
      },
      TestsDue: () => ({ data: { testsDue: noneDue } }),
      ReleaseFromIsolation: () => {
        isolated = false;
        return {
          data: { releaseFromIsolation: { __typename: 'ClosedLoopState', status: 'IN_LOOP' } },
        };
      },
    });
    renderWith(<HealthPage />, client);
    expect(await screen.findByText('Nobody is isolated.')).toBeTruthy();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Person tested' }), 'Eva');
    await userEvent.click(await screen.findByRole('button', { name: /^Select Eva Tested/ }));
    await userEvent.click(screen.getByRole('radio', { name: 'Positive' }));
    const before = Date.now();
    await userEvent.click(screen.getByRole('button', { name: 'Record result' }));
    const confirm = screen.getByRole('dialog', {
      name: 'Record a POSITIVE result for Eva Tested?',
    });
    expect(calls.some((c) => c.operation === 'RecordTestResult')).toBe(false);
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Record positive and isolate' }),
    );
    expect(await screen.findByText(/It changed the closed-loop state: now ISOLATED/)).toBeTruthy();

    const input = calls.find((c) => c.operation === 'RecordTestResult')?.variables.input as {
      id: string;
      personId: string;
      result: string;
      sampledAt: string;
    };
    expect(input).toMatchObject({ personId: 'p5', result: 'POSITIVE' });
    expect(input.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Date.parse(input.sampledAt) - before)).toBeLessThan(5000);

    const list = await screen.findByRole('button', { name: 'Release Eva Tested…' });
    await userEvent.click(list);
    const dialog = screen.getByRole('dialog', { name: 'Release Eva Tested from isolation' });
    const release = within(dialog).getByRole('button', { name: 'Release' });
    expect((release as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(within(dialog).getByLabelText('Reason for release'), 'Two negative PCRs');
    await userEvent.click(release);
    expect(await screen.findByText('Eva Tested released: now IN_LOOP.')).toBeTruthy();
    expect(calls.find((c) => c.operation === 'ReleaseFromIsolation')?.variables).toEqual({
      personId: 'p5',
      reason: 'Two negative PCRs',
    });
  });
});

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

describe('HealthPage', () => {
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
            },
          },
        };
      },
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
    expect(await screen.findByText(/Closed-loop status: ISOLATED/)).toBeTruthy();

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

import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { renderIn, renderWith } from '../test/render';
import { LanguageProvider } from '../i18n/LanguageProvider';
import { ServicesContext, defaultServices } from '../services';
import { stubClient } from '../test/stubClient';
import {
  ACCREDITATION_STATUS,
  AccreditationStatusBadge,
  LOOP_STATUS,
  LoopStatusBadge,
} from '../components/StatusBadge';
import type { AccreditationStatus, ClosedLoopStatus } from '../gql/graphql';
import { PersonPage } from './PersonPage';
import { person } from './person.fixture';

describe('the person page does not mislead', () => {
  it('leaves a success note behind when the next person’s page opens', async () => {
    const { client } = stubClient({
      Person: (v) =>
        v.id === 'p1'
          ? { data: { person: person('ACTIVE') } }
          : { data: { person: person('APPROVED', 'p2', 'Ada') } },
      SuspendAccreditation: () => ({
        data: {
          suspendAccreditation: { __typename: 'Accreditation', id: 'acc1', status: 'SUSPENDED' },
        },
      }),
    });
    const { rerender } = renderWith(<PersonPage id="p1" editable roles={['ADMIN']} />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Suspend…' }));
    const dialog = screen.getByRole('dialog', { name: 'Suspend Eileen Gu' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Review');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Suspend' }));
    expect(await screen.findByText('Accreditation suspended.')).toBeTruthy();

    // The same page, as the app keeps it, shown for another person.
    rerender(
      <LanguageProvider initial="en">
        <Provider value={client}>
          <ServicesContext.Provider value={defaultServices}>
            <PersonPage id="p2" editable roles={['ADMIN']} />
          </ServicesContext.Provider>
        </Provider>
      </LanguageProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Ada Gu', level: 1 })).toBeTruthy();
    expect(screen.queryByText('Accreditation suspended.')).toBeNull();
  });

  it('gives every status its own word and colour: APPROVED is not ACTIVE', () => {
    const statuses: AccreditationStatus[] = [
      'SUBMITTED',
      'APPROVED',
      'ACTIVE',
      'SUSPENDED',
      'REVOKED',
    ];
    const loops: ClosedLoopStatus[] = ['OUTSIDE', 'IN_LOOP', 'CLOSE_CONTACT', 'ISOLATED', 'EXITED'];
    renderIn(
      <div>
        {statuses.map((s) => (
          <AccreditationStatusBadge key={s} status={s} />
        ))}
        {loops.map((s) => (
          <LoopStatusBadge key={s} status={s} />
        ))}
      </div>,
    );
    const badges = [...document.querySelectorAll('.badge')];
    expect(new Set(badges.map((b) => b.className)).size).toBe(10);
    expect(new Set(badges.map((b) => b.textContent)).size).toBe(10);
    expect(new Set(Object.values(ACCREDITATION_STATUS).map((s) => s.icon)).size).toBe(5);
    expect(new Set(Object.values(LOOP_STATUS).map((s) => s.icon)).size).toBe(5);
    expect(screen.getByText(/APPROVED · card valid, not yet arrived/)).toBeTruthy();
    expect(screen.getByText(/ACTIVE · arrived, card in use/)).toBeTruthy();
  });

  it('says data hidden by role is hidden, not empty', async () => {
    const hidden = person('ACTIVE');
    hidden.documentNumber = null as unknown as string;
    hidden.movements = { ...hidden.movements, totalCount: 0, nodes: [] };
    const { client } = stubClient({ Person: () => ({ data: { person: hidden } }) });
    renderWith(<PersonPage id="p1" editable roles={['ACCREDITATION_OFFICER']} />, client);
    await screen.findByRole('heading', { name: 'Eileen Gu', level: 1 });
    expect(screen.queryByText('No movements recorded.')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Movements' })).toBeTruthy();
    // Movements, the three health dates and the document.
    expect(screen.getAllByText('Hidden for your role')).toHaveLength(5);
  });

  it('shows what a reader may see, and says "none" only when there is none', async () => {
    const empty = person('ACTIVE');
    empty.movements = { ...empty.movements, totalCount: 0, nodes: [] };
    const { client } = stubClient({ Person: () => ({ data: { person: empty } }) });
    renderWith(<PersonPage id="p1" editable={false} roles={['TRACER']} />, client);
    expect(await screen.findByText('No movements recorded.')).toBeTruthy();
    expect(screen.queryAllByText('Hidden for your role')).toHaveLength(0);
  });

  it('asks before reissuing a card, saying the printed card stops working', async () => {
    const { client, calls } = stubClient({
      Person: () => ({ data: { person: person('ACTIVE') } }),
      ReissueCard: () => ({
        data: {
          reissueCard: {
            __typename: 'Accreditation',
            id: 'acc1',
            status: 'ACTIVE',
            cardToken: 't2',
          },
        },
      }),
    });
    renderWith(<PersonPage id="p1" editable roles={['ADMIN']} />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Reissue card…' }));
    const dialog = screen.getByRole('dialog', { name: 'Reissue the card of Eileen Gu?' });
    expect(dialog.textContent).toMatch(/printed card 12345671 stops working at once/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep the current card' }));
    expect(calls.some((c) => c.operation === 'ReissueCard')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Reissue card…' }));
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Reissue card' }),
    );
    expect(
      await screen.findByText(/New card issued: the old printed card no longer works/),
    ).toBeTruthy();
    expect(calls.find((c) => c.operation === 'ReissueCard')?.variables).toEqual({ id: 'acc1' });
  });
});

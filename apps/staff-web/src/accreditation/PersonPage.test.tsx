import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { PersonPage } from './PersonPage';
import { person } from './person.fixture';

describe('PersonPage', () => {
  it('draws the card QR code with alt text and shows history, closed loop and movements', async () => {
    const { client } = stubClient({ Person: () => ({ data: { person: person('ACTIVE') } }) });
    renderWith(<PersonPage id="p1" editable={false} roles={['ADMIN']} />, client);
    expect(await screen.findByRole('heading', { name: 'Eileen Gu', level: 1 })).toBeTruthy();
    const qr = await screen.findByRole('img', { name: 'QR code of card 12345671 for Eileen Gu' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(screen.getByText(/by officer@games.test/)).toBeTruthy();
    expect(screen.getByText('PEK-T3', { exact: false })).toBeTruthy();
    // A viewer reads, and has no actions.
    expect(screen.queryByRole('group', { name: 'Accreditation actions' })).toBeNull();
  });

  it('revokes only with a reason and an explicit confirmation', async () => {
    let status = 'ACTIVE';
    const { client, calls } = stubClient({
      Person: () => ({ data: { person: person(status) } }),
      RevokeAccreditation: () => {
        status = 'REVOKED';
        return {
          data: {
            revokeAccreditation: { __typename: 'Accreditation', id: 'acc1', status: 'REVOKED' },
          },
        };
      },
    });
    renderWith(<PersonPage id="p1" editable roles={['ADMIN']} />, client);
    const actions = await screen.findByRole('group', { name: 'Accreditation actions' });
    expect(within(actions).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(within(actions).getByRole('button', { name: 'Suspend…' })).toBeTruthy();
    expect(within(actions).getByRole('button', { name: 'Reissue card…' })).toBeTruthy();
    await userEvent.click(within(actions).getByRole('button', { name: 'Revoke…' }));

    const dialog = screen.getByRole('dialog', { name: 'Revoke Eileen Gu' });
    const confirm = within(dialog).getByRole('button', { name: 'Revoke for good' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Doping rule');
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /cannot be reinstated/ }));
    await userEvent.click(confirm);

    expect(await screen.findByText('Accreditation revoked.')).toBeTruthy();
    expect(calls.find((c) => c.operation === 'RevokeAccreditation')?.variables).toEqual({
      id: 'acc1',
      reason: 'Doping rule',
    });
    expect(await screen.findByText(/REVOKED: this card admits nowhere/)).toBeTruthy();
  });

  it('shows a refused transition in words', async () => {
    const { client } = stubClient({
      Person: () => ({ data: { person: person('SUBMITTED') } }),
      ApproveAccreditation: () => ({
        errors: [{ message: 'already approved', extensions: { code: 'CONFLICT' } }],
      }),
    });
    renderWith(<PersonPage id="p1" editable roles={['ADMIN']} />, client);
    await userEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Not possible now: already approved',
    );
  });
});

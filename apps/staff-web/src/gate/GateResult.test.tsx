import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GateResult, type GateOutcome } from './GateResult';

const person = {
  name: 'Eileen Gu',
  organisation: 'China Olympic Committee',
  category: 'Aa',
  cardNumber: '12345674',
};

describe('GateResult', () => {
  it('shows DENIED in words and icon, with every reason as a sentence and who it is', () => {
    const outcome: GateOutcome = {
      decision: 'DENIED',
      reasons: ['SUSPENDED', 'NO_ZONE_ACCESS', 'TEST_OVERDUE'],
      direction: 'IN',
      areaName: 'National Stadium gate 1',
      person,
      offline: false,
    };
    render(<GateResult outcome={outcome} onDismiss={() => undefined} />);
    const dialog = screen.getByRole('alertdialog', { name: 'DENIED' });
    expect(within(dialog).getByText('✖')).toBeTruthy();
    const reasons = within(dialog).getByRole('list', { name: 'Reasons for denial' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'The accreditation is suspended.',
      'The card does not give access to this zone.',
      'A new negative test is due before entering.',
    ]);
    expect(within(dialog).getByText('Eileen Gu')).toBeTruthy();
    expect(within(dialog).getByText('China Olympic Committee')).toBeTruthy();
    expect(within(dialog).getByText('Aa')).toBeTruthy();
    expect(within(dialog).getByText('Entry at National Stadium gate 1')).toBeTruthy();
    expect(within(dialog).queryByText(/Decided offline/)).toBeNull();
  });

  it('shows ADMITTED with no reasons, says when the device decided offline, and moves on', async () => {
    const onDismiss = vi.fn();
    render(
      <GateResult
        outcome={{
          decision: 'ADMITTED',
          reasons: [],
          direction: 'OUT',
          areaName: 'Village gate',
          person,
          offline: true,
        }}
        onDismiss={onDismiss}
      />,
    );
    const dialog = screen.getByRole('alertdialog', { name: 'ADMITTED' });
    expect(within(dialog).getByText('✔')).toBeTruthy();
    expect(within(dialog).queryByRole('list', { name: 'Reasons for denial' })).toBeNull();
    expect(within(dialog).getByText(/Decided offline on this device/)).toBeTruthy();
    expect(within(dialog).getByText('Exit at Village gate')).toBeTruthy();
    const next = within(dialog).getByRole('button', { name: 'Next scan' });
    expect(document.activeElement).toBe(next);
    await userEvent.keyboard('{Enter}');
    expect(onDismiss).toHaveBeenCalledTimes(1);
    await userEvent.keyboard('7');
    expect(onDismiss).toHaveBeenLastCalledWith('7');
  });

  it('says so when no person could be identified', () => {
    render(
      <GateResult
        outcome={{
          decision: 'DENIED',
          reasons: ['UNKNOWN_CARD'],
          direction: 'IN',
          areaName: 'Gate',
          person: null,
          offline: false,
        }}
        onDismiss={() => undefined}
      />,
    );
    expect(screen.getByText('No person could be identified from this card.')).toBeTruthy();
    expect(screen.getByText('This card number is not known.')).toBeTruthy();
  });
});

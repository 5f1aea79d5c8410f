import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
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

  it('says what to do next for a denial, most urgent first, and nothing of the kind for an admission', () => {
    const { unmount } = render(
      <GateResult
        outcome={{
          decision: 'DENIED',
          reasons: ['NO_VENUE_ACCESS', 'ISOLATED'],
          direction: 'IN',
          areaName: 'Gate',
          person,
          offline: false,
        }}
        onDismiss={() => undefined}
      />,
    );
    const steps = screen.getByRole('list', { name: 'What to do next' });
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Send to the isolation point; do not admit.',
      'Not allowed here: direct to an allowed entrance.',
    ]);
    unmount();
    render(
      <GateResult
        outcome={{
          decision: 'ADMITTED',
          reasons: [],
          direction: 'IN',
          areaName: 'Gate',
          person,
          offline: false,
        }}
        onDismiss={() => undefined}
      />,
    );
    expect(screen.queryByRole('list', { name: 'What to do next' })).toBeNull();
  });

  it('writes the direction large and numbers and times the scan', () => {
    const at = new Date(2022, 1, 4, 14, 3, 27);
    const { container } = render(
      <GateResult
        outcome={{
          decision: 'ADMITTED',
          reasons: [],
          direction: 'OUT',
          areaName: 'Village gate',
          person,
          offline: false,
        }}
        scan={{ number: 12, at }}
        onDismiss={() => undefined}
      />,
    );
    expect(container.querySelector('.gate-way')?.textContent).toBe('OUT');
    const scan = screen.getByText(/^Scan #12/);
    expect(scan.textContent).toMatch(/14.03.27/);
    expect(scan.querySelector('time')?.getAttribute('dateTime')).toBe(at.toISOString());
  });

  describe('going back to ready by itself', () => {
    const admitted: GateOutcome = {
      decision: 'ADMITTED',
      reasons: [],
      direction: 'IN',
      areaName: 'Gate',
      person,
      offline: false,
    };
    afterEach(() => {
      vi.useRealTimers();
    });

    it('after the set number of seconds, and not before', () => {
      vi.useFakeTimers();
      const onDismiss = vi.fn();
      render(<GateResult outcome={admitted} autoReturnSeconds={4} onDismiss={onDismiss} />);
      expect(screen.getByText('Back to ready in 4 s.')).toBeTruthy();
      act(() => {
        vi.advanceTimersByTime(3_900);
      });
      expect(onDismiss).not.toHaveBeenCalled();
      act(() => {
        vi.advanceTimersByTime(100);
      });
      expect(onDismiss).toHaveBeenCalledTimes(1);
    });

    it('never when set to wait for the next scan', () => {
      vi.useFakeTimers();
      const onDismiss = vi.fn();
      render(<GateResult outcome={admitted} autoReturnSeconds={0} onDismiss={onDismiss} />);
      act(() => {
        vi.advanceTimersByTime(60_000);
      });
      expect(onDismiss).not.toHaveBeenCalled();
      expect(screen.queryByText(/Back to ready in/)).toBeNull();
    });

    it('holds while the operator is on the way to annul the scan', () => {
      vi.useFakeTimers();
      const onDismiss = vi.fn();
      render(
        <GateResult
          outcome={admitted}
          autoReturnSeconds={2}
          onDismiss={onDismiss}
          onAnnul={() => undefined}
        />,
      );
      act(() => {
        screen.getByRole('button', { name: 'Annul this scan…' }).focus();
      });
      act(() => {
        vi.advanceTimersByTime(10_000);
      });
      expect(onDismiss).not.toHaveBeenCalled();
      expect(screen.getByText('Held: press Next scan when done.')).toBeTruthy();
    });
  });
});

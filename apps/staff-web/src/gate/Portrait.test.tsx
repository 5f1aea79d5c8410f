import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderIn as render } from '../test/render';
import { GateResult, type GateOutcome } from './GateResult';

const outcome = (photoUrl: string | null | undefined): GateOutcome => ({
  decision: 'ADMITTED',
  reasons: [],
  direction: 'IN',
  areaName: 'Gate 1',
  offline: photoUrl === undefined,
  person: {
    name: 'Eileen Gu',
    organisation: 'China',
    category: 'Aa',
    cardNumber: '12345674',
    photoUrl,
  },
});

describe('the portrait beside the gate verdict', () => {
  it('shows the portrait on file, large', () => {
    render(
      <GateResult
        outcome={outcome('/files/photos/p1/full?exp=1&sig=x')}
        onDismiss={() => undefined}
      />,
    );
    const dialog = screen.getByRole('alertdialog', { name: 'ADMITTED' });
    const img = within(dialog).getByRole('img', { name: 'Portrait of Eileen Gu on file' });
    expect(img.getAttribute('src')).toBe('/files/photos/p1/full?exp=1&sig=x');
  });

  it('says plainly when there is no portrait on file, or none offline', () => {
    const { unmount } = render(<GateResult outcome={outcome(null)} onDismiss={() => undefined} />);
    expect(screen.getByRole('note').textContent).toMatch(/^No portrait on file/);
    expect(screen.queryByRole('img', { name: /Portrait/ })).toBeNull();
    unmount();
    render(<GateResult outcome={outcome(undefined)} onDismiss={() => undefined} />);
    expect(screen.getByRole('note').textContent).toMatch(/Portrait not available offline/);
  });
});

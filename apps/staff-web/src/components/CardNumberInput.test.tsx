import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderIn as render } from '../test/render';
import userEvent from '@testing-library/user-event';
import { cardNumberFor } from '@card-number';
import { CardNumberInput } from './CardNumberInput';

function Harness({ allowToken = false }: { allowToken?: boolean }) {
  const [value, setValue] = useState('');
  return (
    <CardNumberInput
      label="Card number"
      value={value}
      onChange={setValue}
      allowToken={allowToken}
    />
  );
}

describe('CardNumberInput', () => {
  const good = cardNumberFor(1234567);
  const swapped = good[1] + good[0] + good.slice(2);

  it('counts digits while typing and accepts a number whose check digit matches', async () => {
    render(<Harness />);
    const input = screen.getByRole('textbox', { name: 'Card number' });
    await userEvent.type(input, good.slice(0, 5));
    expect(screen.getByText('5 of 8 digits.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('false');
    await userEvent.type(input, good.slice(5));
    expect(screen.getByText('Check digit correct.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });

  it('says clearly when the check digit does not match (two digits swapped)', async () => {
    expect(swapped).not.toBe(good);
    render(<Harness />);
    const input = screen.getByRole('textbox', { name: 'Card number' });
    await userEvent.type(input, swapped);
    const message = screen.getByText(/Check digit does not match/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(message.closest('p')?.id);
  });

  it('accepts spaces and dashes between groups, and rejects letters and extra digits', async () => {
    render(<Harness />);
    const input = screen.getByRole('textbox', { name: 'Card number' });
    await userEvent.type(input, `${good.slice(0, 4)} ${good.slice(4)}`);
    expect(screen.getByText('Check digit correct.')).toBeTruthy();
    await userEvent.clear(input);
    await userEvent.type(input, '12a4');
    expect(screen.getByText(/Only digits, please/)).toBeTruthy();
    await userEvent.clear(input);
    await userEvent.type(input, `${good}1`);
    expect(screen.getByText(/Too many digits/)).toBeTruthy();
  });

  it('recognises a scanned card code where tokens are allowed', async () => {
    render(<Harness allowToken />);
    const input = screen.getByRole('textbox', { name: 'Card number' });
    await userEvent.type(input, `6BFOXN*TS0BI$ZDFRH${'ABC'.repeat(30)}`);
    expect(screen.getByText('Card code scanned.')).toBeTruthy();
  });
});

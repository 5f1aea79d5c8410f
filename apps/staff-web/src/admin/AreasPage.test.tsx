import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { badInput, stubClient, type StubAnswer } from '../test/stubClient';
import { AreasPage } from './AreasPage';

const catalogue = {
  venues: [
    { __typename: 'Venue', code: 'NST', name: 'National Stadium', zones: ['1', '2'] },
    { __typename: 'Venue', code: 'PEK', name: 'Beijing Capital airport', zones: ['ARR', 'T3'] },
  ],
};

describe('AreasPage', () => {
  it('chooses the venue, then one of its zones, from the catalogue', async () => {
    let answer: StubAnswer = badInput([{ field: 'zone', message: 'T3 is not a zone of NST' }]);
    const { client, calls } = stubClient({
      InspectionAreas: () => ({ data: { inspectionAreas: [] } }),
      VenueCatalogue: () => ({ data: catalogue }),
      CreateInspectionArea: () => answer,
    });
    renderWith(<AreasPage />, client);
    const form = screen.getByRole('form', { name: 'New inspection area' });
    const venue = within(form).getByRole('combobox', { name: 'Venue' });
    await waitFor(() => expect(within(venue).getAllByRole('option')).toHaveLength(3));
    expect(
      within(venue).getByRole('option', { name: 'PEK — Beijing Capital airport' }),
    ).toBeTruthy();
    const zone = within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Zone' });
    expect(zone.disabled).toBe(true);

    await userEvent.selectOptions(venue, 'PEK');
    expect(
      within(zone)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a zone…', 'ARR', 'T3']);
    await userEvent.selectOptions(zone, 'T3');
    // Another venue: the zone chosen for the first is not carried over.
    await userEvent.selectOptions(venue, 'NST');
    expect(zone.value).toBe('');
    expect(within(zone).queryByRole('option', { name: 'T3' })).toBeNull();
    await userEvent.selectOptions(zone, '2');

    await userEvent.type(within(form).getByRole('textbox', { name: 'Code' }), 'nst-gate-9');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Name' }), 'Gate 9');
    await userEvent.click(within(form).getByRole('button', { name: 'Create area' }));
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(
      calls.find((c) => c.operation === 'CreateInspectionArea')?.variables.input,
    ).toMatchObject({ code: 'NST-GATE-9', venueCode: 'NST', zone: '2' });

    answer = {
      data: {
        createInspectionArea: {
          __typename: 'InspectionArea',
          id: 'a1',
          code: 'NST-GATE-9',
          name: 'Gate 9',
          kind: 'VENUE',
          venueCode: 'NST',
          zone: '2',
          closedLoop: true,
          occupancy: 0,
        },
      },
    };
    await userEvent.click(within(form).getByRole('button', { name: 'Create area' }));
    expect(await screen.findByText('Inspection area NST-GATE-9 (Gate 9) created.')).toBeTruthy();
  });
});

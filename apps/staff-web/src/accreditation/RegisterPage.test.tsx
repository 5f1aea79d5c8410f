import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from '../test/render';
import { badInput, stubClient } from '../test/stubClient';
import { RegisterPage } from './RegisterPage';

const organisations = {
  organisations: [
    {
      __typename: 'Organisation',
      id: 'org-1',
      code: 'NOC-NOR',
      name: 'Norwegian Olympic Committee',
      type: 'NOC',
      country: 'NOR',
    },
  ],
};

const categories = {
  accreditationCategories: [
    { __typename: 'AccreditationCategory', code: 'Aa', name: 'Athlete' },
    { __typename: 'AccreditationCategory', code: 'Ao', name: 'Team official' },
  ],
};

async function fillForm() {
  const select = screen.getByRole('combobox', { name: 'Organisation' });
  await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(2));
  await userEvent.selectOptions(select, 'org-1');
  await userEvent.type(screen.getByRole('textbox', { name: 'Given name' }), 'Therese');
  await userEvent.type(screen.getByRole('textbox', { name: 'Family name' }), 'Johaug');
  fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '1988-06-25' } });
  await userEvent.type(
    screen.getByRole('textbox', { name: 'Nationality (ISO 3166 alpha-3)' }),
    'nor',
  );
  await userEvent.type(screen.getByRole('textbox', { name: 'Function' }), 'Athlete');
  await userEvent.type(screen.getByRole('textbox', { name: 'Passport or ID number' }), 'N1234567');
  const category = screen.getByRole('combobox', { name: 'Category' });
  await waitFor(() => expect(within(category).getAllByRole('option')).toHaveLength(3));
  await userEvent.selectOptions(category, 'Aa');
  await userEvent.type(screen.getByRole('textbox', { name: 'Venues' }), 'ZJK; NST, YAN');
  await userEvent.type(screen.getByRole('textbox', { name: 'Zones' }), '1;2');
  fireEvent.change(screen.getByLabelText('Valid from'), { target: { value: '2022-02-10T00:00' } });
  fireEvent.change(screen.getByLabelText('Valid until'), { target: { value: '2022-02-01T00:00' } });
}

describe('RegisterPage', () => {
  it('shows each server field error next to its field, linked by aria-describedby', async () => {
    const { client, calls } = stubClient({
      Organisations: () => ({ data: organisations }),
      AccreditationCategories: () => ({ data: categories }),
      RegisterPerson: () =>
        badInput([
          { field: 'givenName', message: 'must not contain digits' },
          { field: 'accreditation.validUntil', message: 'must be after validFrom' },
        ]),
    });
    renderWith(<RegisterPage />, client);
    await fillForm();
    await userEvent.click(screen.getByRole('button', { name: 'Register' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/Some fields need correcting/);
    const given = screen.getByRole('textbox', { name: 'Given name' });
    expect(given.getAttribute('aria-invalid')).toBe('true');
    const givenError = document.getElementById(given.getAttribute('aria-describedby') ?? '');
    expect(givenError?.textContent).toContain('must not contain digits');
    const until = screen.getByLabelText('Valid until');
    expect(until.getAttribute('aria-invalid')).toBe('true');
    expect(
      until
        .getAttribute('aria-describedby')
        ?.split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' '),
    ).toContain('must be after validFrom');
    expect(screen.getByRole('textbox', { name: 'Family name' }).getAttribute('aria-invalid')).toBe(
      'false',
    );
    expect(document.activeElement).toBe(given);

    const input = calls.find((c) => c.operation === 'RegisterPerson')?.variables.input;
    expect(input).toMatchObject({
      organisationId: 'org-1',
      givenName: 'Therese',
      nationality: 'NOR',
      documentNumber: 'N1234567',
      accreditation: { category: 'Aa', venues: ['ZJK', 'NST', 'YAN'], zones: ['1', '2'] },
    });
  });

  it('names missing fields without calling the server', async () => {
    const { client, calls } = stubClient({
      Organisations: () => ({ data: organisations }),
      AccreditationCategories: () => ({ data: categories }),
    });
    renderWith(<RegisterPage />, client);
    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    const given = screen.getByRole('textbox', { name: 'Given name' });
    expect(given.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Given name is required.')).toBeTruthy();
    expect(calls.some((c) => c.operation === 'RegisterPerson')).toBe(false);
  });

  it('confirms a registration with the new card number', async () => {
    const { client } = stubClient({
      Organisations: () => ({ data: organisations }),
      AccreditationCategories: () => ({ data: categories }),
      RegisterPerson: () => ({
        data: {
          registerPerson: {
            __typename: 'Person',
            id: 'p9',
            givenName: 'Therese',
            familyName: 'Johaug',
            accreditation: {
              __typename: 'Accreditation',
              id: 'a9',
              cardNumber: '00000019',
              status: 'SUBMITTED',
            },
          },
        },
      }),
    });
    renderWith(<RegisterPage />, client);
    await fillForm();
    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    const status = await screen.findByText(/with card 00000019/);
    expect(status.textContent).toMatch(/SUBMITTED/);
    expect(screen.getByRole('link', { name: 'Therese Johaug' }).getAttribute('href')).toBe(
      '#/person/p9',
    );
  });

  it('offers the categories as "code — name"', async () => {
    const { client } = stubClient({
      Organisations: () => ({ data: organisations }),
      AccreditationCategories: () => ({ data: categories }),
    });
    renderWith(<RegisterPage />, client);
    const category = screen.getByRole('combobox', { name: 'Category' });
    await waitFor(() => expect(within(category).getAllByRole('option')).toHaveLength(3));
    expect(within(category).getByRole('option', { name: 'Ao — Team official' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Category' })).toBeNull();
  });

  it('keeps organisation, category and validity for the next person, and clears the rest', async () => {
    let registered = 0;
    const { client, calls } = stubClient({
      Organisations: () => ({ data: organisations }),
      AccreditationCategories: () => ({ data: categories }),
      RegisterPerson: () => ({
        data: {
          registerPerson: {
            __typename: 'Person',
            id: `p${++registered}`,
            givenName: 'Therese',
            familyName: 'Johaug',
            accreditation: {
              __typename: 'Accreditation',
              id: 'a9',
              cardNumber: '00000019',
              status: 'SUBMITTED',
            },
          },
        },
      }),
    });
    renderWith(<RegisterPage />, client);
    await fillForm();
    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    await screen.findByText(/with card 00000019/);

    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Organisation' }).value).toBe(
      'org-1',
    );
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Category' }).value).toBe('Aa');
    expect(screen.getByLabelText<HTMLInputElement>('Valid from').value).toBe('2022-02-10T00:00');
    expect(screen.getByLabelText<HTMLInputElement>('Valid until').value).toBe('2022-02-01T00:00');
    for (const name of ['Given name', 'Family name', 'Passport or ID number', 'Venues', 'Zones']) {
      expect(screen.getByRole<HTMLInputElement>('textbox', { name }).value, name).toBe('');
    }
    expect(screen.getByLabelText<HTMLInputElement>('Date of birth').value).toBe('');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Given name' }));

    // The next person needs only what is theirs.
    await userEvent.type(screen.getByRole('textbox', { name: 'Given name' }), 'Heidi');
    await userEvent.type(screen.getByRole('textbox', { name: 'Family name' }), 'Weng');
    fireEvent.change(screen.getByLabelText('Date of birth'), { target: { value: '1991-07-20' } });
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Nationality (ISO 3166 alpha-3)' }),
      'NOR',
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Function' }), 'Athlete');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Passport or ID number' }),
      'N7654321',
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Venues' }), 'NST');
    await userEvent.type(screen.getByRole('textbox', { name: 'Zones' }), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(registered).toBe(2));
    const second = calls.filter((c) => c.operation === 'RegisterPerson')[1].variables.input;
    expect(second).toMatchObject({
      organisationId: 'org-1',
      givenName: 'Heidi',
      accreditation: { category: 'Aa', venues: ['NST'] },
    });
  });
});

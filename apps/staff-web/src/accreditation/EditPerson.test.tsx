import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Language } from '../i18n/languages';
import { renderWith } from '../test/render';
import { badInput, stubClient, type StubHandler } from '../test/stubClient';
import { PersonPage } from './PersonPage';
import { person } from './person.fixture';

const categories = {
  accreditationCategories: [
    { __typename: 'AccreditationCategory', code: 'Aa', name: 'Athlete' },
    { __typename: 'AccreditationCategory', code: 'Ao', name: 'Team official' },
  ],
};

function setup(updatePerson: StubHandler, language: Language = 'en') {
  const stub = stubClient({
    Person: () => ({ data: { person: person('ACTIVE') } }),
    AccreditationCategories: () => ({ data: categories }),
    UpdatePerson: updatePerson,
  });
  renderWith(<PersonPage id="p1" editable roles={['ADMIN']} />, stub.client, {}, language);
  return stub;
}

async function openForm() {
  const actions = await screen.findByRole('group', { name: 'Accreditation actions' });
  await userEvent.click(within(actions).getByRole('button', { name: 'Edit…' }));
  return screen.getByRole('region', { name: 'Edit person' });
}

const saved = (
  changes: { field: string; from: string | null; to: string | null }[],
  reissued: boolean,
) => ({
  data: {
    updatePerson: {
      __typename: 'UpdatePersonPayload',
      person: { __typename: 'Person', id: 'p1', givenName: 'Ailing', familyName: 'Gu' },
      changes: changes.map((c) => ({ __typename: 'FieldChange', ...c })),
      cardReissued: reissued,
    },
  },
});

describe('editing a person', () => {
  it('opens prefilled, sends only what changed with the reason, and says what changed', async () => {
    const { calls } = setup(() =>
      saved(
        [
          { field: 'givenName', from: null, to: null },
          { field: 'venues', from: 'NST, YAN', to: 'NST' },
        ],
        true,
      ),
    );
    const form = await openForm();
    const given = within(form).getByRole<HTMLInputElement>('textbox', { name: 'Given name' });
    expect(given.value).toBe('Eileen');
    expect(
      within(form).getByRole<HTMLInputElement>('textbox', { name: 'Passport or ID number' }).value,
    ).toBe('E1234567');
    expect(within(form).getByRole<HTMLInputElement>('textbox', { name: 'Venues' }).value).toBe(
      'NST, YAN',
    );
    const category = within(form).getByRole('combobox', { name: 'Category' });
    await waitFor(() => expect((category as HTMLSelectElement).value).toBe('Aa'));
    expect(within(category).getByRole('option', { name: 'Aa — Athlete' })).toBeTruthy();

    await userEvent.clear(given);
    await userEvent.type(given, 'Ailing');
    const venues = within(form).getByRole('textbox', { name: 'Venues' });
    await userEvent.clear(venues);
    await userEvent.type(venues, 'NST');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    // No reason, no call.
    const reason = within(form).getByRole('textbox', { name: 'Reason for the change' });
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.operation === 'UpdatePerson')).toBe(false);

    await userEvent.type(reason, 'Passport spelling');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(
      (await screen.findByText(/Changed given name and venues\. A new card was issued/))
        .textContent,
    ).toMatch(/old printed card no longer works/);
    expect(calls.find((c) => c.operation === 'UpdatePerson')?.variables.input).toEqual({
      personId: 'p1',
      reason: 'Passport spelling',
      givenName: 'Ailing',
      venues: ['NST'],
    });
    expect(screen.queryByRole('region', { name: 'Edit person' })).toBeNull();
  });

  it('says the card stays valid when only a name changed', async () => {
    setup(() => saved([{ field: 'familyName', from: null, to: null }], false));
    const form = await openForm();
    const family = within(form).getByRole('textbox', { name: 'Family name' });
    await userEvent.type(family, 'x');
    await userEvent.type(
      within(form).getByRole('textbox', { name: 'Reason for the change' }),
      'typo',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changed family name. The card stays valid.')).toBeTruthy();
  });

  it("shows the server's problems by each field, and a conflict in words", async () => {
    let answer = badInput([
      { field: 'input.documentNumber', message: 'must be 3 to 30 letters, digits, < or -' },
      { field: 'validUntil', message: 'must be after validFrom' },
    ]);
    setup(() => answer);
    const form = await openForm();
    const doc = within(form).getByRole('textbox', { name: 'Passport or ID number' });
    await userEvent.clear(doc);
    await userEvent.type(doc, 'a');
    fireEvent.change(within(form).getByLabelText('Valid until'), {
      target: { value: '2021-01-01T00:00' },
    });
    await userEvent.type(
      within(form).getByRole('textbox', { name: 'Reason for the change' }),
      'renewed passport',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(doc.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(`${doc.id}-error`)?.textContent).toContain('3 to 30');
    expect(within(form).getByLabelText('Valid until').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(doc);

    answer = {
      errors: [
        {
          message: 'Document number A123 is held by another person of this organisation',
          extensions: { code: 'CONFLICT' },
        },
      ],
    };
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect((await within(form).findByRole('alert')).textContent).toContain(
      'Not possible now: Document number A123 is held by another person',
    );
  });

  it('sends nothing when nothing was changed', async () => {
    const { calls } = setup(() => saved([], false));
    const form = await openForm();
    await userEvent.type(
      within(form).getByRole('textbox', { name: 'Reason for the change' }),
      'check',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/Nothing was changed/);
    expect(calls.some((c) => c.operation === 'UpdatePerson')).toBe(false);
  });

  it('speaks French: the form, its problems and the fields changed, listed as French lists them', async () => {
    setup(
      () =>
        saved(
          [
            { field: 'givenName', from: null, to: null },
            { field: 'venues', from: 'NST, YAN', to: 'NST' },
            { field: 'zones', from: '1', to: '2' },
          ],
          true,
        ),
      'fr',
    );
    const actions = await screen.findByRole('group', { name: 'Actions sur l’accréditation' });
    await userEvent.click(within(actions).getByRole('button', { name: 'Modifier…' }));
    const form = screen.getByRole('region', { name: 'Modifier la personne' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Prénom' }), 'x');
    const save = within(form).getByRole('button', { name: 'Enregistrer les modifications' });
    await userEvent.click(save);
    expect(screen.getByText('Indiquez le motif de la modification : l’historique le conserve.'));
    await userEvent.type(
      within(form).getByRole('textbox', { name: 'Motif de la modification' }),
      'orthographe',
    );
    await userEvent.click(save);
    expect(
      await screen.findByText(
        'Modifié : prénom, sites et zones. Une nouvelle carte a été émise : l’ancienne carte imprimée ne fonctionne plus ; imprimez la nouvelle.',
      ),
    ).toBeTruthy();
  });
});

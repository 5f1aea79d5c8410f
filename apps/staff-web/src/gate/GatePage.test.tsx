import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cardNumberFor } from '@card-number';
import { renderWith } from '../test/render';
import { stubClient, type StubAnswer } from '../test/stubClient';
import { claims, makeSigner, type TestSigner } from '../test/cardTokens';
import { GatePage } from './GatePage';
import type { DenyListEntry } from './offline';
import { MemoryGateStore } from './store';

const areas = {
  inspectionAreas: [
    {
      __typename: 'InspectionArea',
      id: 'a1',
      code: 'NST-GATE-1',
      name: 'National Stadium gate 1',
      kind: 'VENUE',
      venueCode: 'NST',
      zone: '1',
      closedLoop: true,
      occupancy: 3,
    },
  ],
};

const card = cardNumberFor(1234567);

function checkInAnswer(decision: 'ADMITTED' | 'DENIED', reasons: string[]): StubAnswer {
  return {
    data: {
      checkIn: {
        __typename: 'CheckIn',
        id: 'c1',
        direction: 'IN',
        decision,
        reasons,
        scannedAt: '2022-02-04T12:00:00.000Z',
        replayed: false,
        area: { __typename: 'InspectionArea', code: 'NST-GATE-1', name: 'National Stadium gate 1' },
        person: {
          __typename: 'Person',
          id: 'p1',
          givenName: 'Eileen',
          familyName: 'Gu',
          organisation: { __typename: 'Organisation', id: 'o1', name: 'China Olympic Committee' },
          accreditation: {
            __typename: 'Accreditation',
            id: 'acc1',
            cardNumber: card,
            category: 'Aa',
          },
        },
      },
    },
  };
}

async function chooseArea() {
  const select = screen.getByRole('combobox', { name: 'Inspection area' });
  await waitFor(() => expect(within(select).getAllByRole('option').length).toBe(2));
  await userEvent.selectOptions(select, 'NST-GATE-1');
}

describe('GatePage', () => {
  it('checks a typed card number online and shows the denial with its reasons', async () => {
    const signer = await makeSigner();
    const { client, calls } = stubClient({
      InspectionAreas: () => ({ data: areas }),
      VerificationKeys: () => ({
        data: { cardVerificationKeys: signer.jwks, venues: signer.venues },
      }),
      DenyList: () => ({ data: { cardDenyList: [] } }),
      CheckIn: () => checkInAnswer('DENIED', ['SUSPENDED', 'ISOLATED']),
    });
    const store = new MemoryGateStore();
    renderWith(<GatePage />, client, { openGateStore: () => Promise.resolve(store) });
    await chooseArea();
    await userEvent.click(screen.getByRole('button', { name: 'OUT (exit)' }));
    await userEvent.click(screen.getByRole('button', { name: 'IN (entry)' }));
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Card number or scanned code' }),
      card,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Check card' }));

    const result = await screen.findByRole('alertdialog', { name: 'DENIED' });
    expect(within(result).getByText('The accreditation is suspended.')).toBeTruthy();
    expect(
      within(result).getByText('The person is in isolation after a positive test.'),
    ).toBeTruthy();
    expect(within(result).getByText('Eileen Gu')).toBeTruthy();

    const sent = calls.find((c) => c.operation === 'CheckIn')?.variables.input as Record<
      string,
      unknown
    >;
    expect(sent).toMatchObject({ areaCode: 'NST-GATE-1', direction: 'IN', cardNumber: card });
    expect(sent.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof sent.scannedAt).toBe('string');
    expect(sent.deviceId).toMatch(/^web-/);
    expect(sent.cardToken).toBeUndefined();
  });

  it('refuses a number with a wrong check digit before asking the server', async () => {
    const { client, calls } = stubClient({
      InspectionAreas: () => ({ data: areas }),
      VerificationKeys: () => ({ data: { cardVerificationKeys: '{"keys":[]}', venues: [] } }),
      DenyList: () => ({ data: { cardDenyList: [] } }),
    });
    renderWith(<GatePage />, client, {
      openGateStore: () => Promise.resolve(new MemoryGateStore()),
    });
    await chooseArea();
    const wrong = card.slice(0, 7) + String((Number(card[7]) + 1) % 10);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Card number or scanned code' }),
      wrong,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Check card' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Check digit does not match/);
    expect(calls.some((c) => c.operation === 'CheckIn')).toBe(false);
  });

  it('decides offline from the signed token, queues the scan and uploads it when back', async () => {
    const signer = await makeSigner();
    const token = await signer.sign(
      claims({ cn: card, vf: '2020-01-01T00:00:00Z', vu: '2099-01-01T00:00:00Z', zon: ['2'] }),
    );
    let online = true;
    const { client, calls } = stubClient({
      InspectionAreas: () => (online ? { data: areas } : { networkError: true }),
      VerificationKeys: () =>
        online
          ? { data: { cardVerificationKeys: signer.jwks, venues: signer.venues } }
          : { networkError: true },
      DenyList: () => (online ? { data: { cardDenyList: [] } } : { networkError: true }),
      CheckIn: () => ({ networkError: true }),
      SubmitCheckIns: (vars) => {
        const input = vars.input as { id: string; deviceDecision: string }[];
        return {
          data: {
            submitCheckIns: input.map((i) => ({
              __typename: 'CheckIn',
              id: i.id,
              decision: 'ADMITTED',
              deviceDecision: i.deviceDecision,
              conflict: i.deviceDecision !== 'ADMITTED',
              reasons: [],
              scannedAt: '2022-02-04T12:00:00.000Z',
              area: { __typename: 'InspectionArea', code: 'NST-GATE-1' },
              person: {
                __typename: 'Person',
                id: 'p1',
                givenName: 'Eileen',
                familyName: 'Gu',
                accreditation: { __typename: 'Accreditation', id: 'acc1', cardNumber: card },
              },
            })),
          },
        };
      },
    });
    const store = new MemoryGateStore();
    const view = renderWith(<GatePage />, client, {
      openGateStore: () => Promise.resolve(store),
    });
    await chooseArea();
    await waitFor(async () => expect(await store.loadOfflineData()).not.toBeNull());
    online = false;

    const field = screen.getByRole('textbox', { name: 'Card number or scanned code' });
    await userEvent.click(field);
    await userEvent.paste(token);
    expect(screen.getByText('Card code scanned.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Check card' }));

    const result = await screen.findByRole('alertdialog', { name: 'DENIED' });
    expect(within(result).getByText('The card does not give access to this zone.')).toBeTruthy();
    expect(within(result).getByText(/Decided offline on this device/)).toBeTruthy();
    // The card carries its number, not its holder's name.
    expect(within(result).getByText('Not known offline')).toBeTruthy();
    expect(within(result).getByText(card)).toBeTruthy();
    await userEvent.click(within(result).getByRole('button', { name: 'Next scan' }));

    expect(screen.getByText(/1 scan waiting to upload/)).toBeTruthy();
    const queued = await store.pending();
    expect(queued).toHaveLength(1);
    expect(queued[0].input).toMatchObject({ cardToken: token, deviceDecision: 'DENIED' });

    online = true;
    await userEvent.click(screen.getByRole('button', { name: 'Upload queued scans now' }));
    expect(await screen.findByText(/1 queued scan uploaded; 1 conflict to review/)).toBeTruthy();
    const sent = calls.find((c) => c.operation === 'SubmitCheckIns')?.variables.input as unknown[];
    expect(sent).toEqual([queued[0].input]);
    expect(await store.pending()).toHaveLength(0);
    const table = screen.getByRole('table', { name: /server decided differently/ });
    expect(within(table).getByText('Eileen Gu (' + card + ')')).toBeTruthy();
    expect(within(table).getByText('DENIED')).toBeTruthy();
    expect(within(table).getByText('ADMITTED')).toBeTruthy();
    expect(screen.getByText(/0 scans waiting to upload/)).toBeTruthy();

    // The conflict is kept on the device: the page opened again (a reload) still lists it.
    expect(await store.conflicts()).toHaveLength(1);
    view.unmount();
    renderWith(<GatePage />, client, { openGateStore: () => Promise.resolve(store) });
    const again = await screen.findByRole('table', { name: /server decided differently/ });
    expect(within(again).getByText('Eileen Gu (' + card + ')')).toBeTruthy();
    await userEvent.click(
      screen.getByRole('button', { name: 'Dismiss these conflicts on this device' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('table', { name: /server decided differently/ })).toBeNull(),
    );
    expect(await store.conflicts()).toHaveLength(0);
  });
});

describe('GatePage offline on cached data', () => {
  const validClaims = { cn: card, vf: '2020-01-01T00:00:00Z', vu: '2099-01-01T00:00:00Z' };
  const offlineEverywhere = () =>
    stubClient({
      InspectionAreas: () => ({ networkError: true }),
      VerificationKeys: () => ({ networkError: true }),
      DenyList: () => ({ networkError: true }),
      CheckIn: () => ({ networkError: true }),
    });
  /** A device that loaded its data `hoursAgo` and is offline since. */
  async function deviceWithData(
    hoursAgo: number,
    signer: TestSigner,
    denyList: DenyListEntry[] | null,
  ): Promise<MemoryGateStore> {
    const store = new MemoryGateStore();
    const at = new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    await store.saveAreas(areas.inspectionAreas);
    await store.saveOfflineData({
      keys: signer.jwks,
      keysAt: at,
      catalogue: signer.catalogue,
      denyList,
      denyListAt: denyList && at,
    });
    return store;
  }
  async function scan(token: string) {
    const field = screen.getByRole('textbox', { name: 'Card number or scanned code' });
    await userEvent.click(field);
    await userEvent.paste(token);
    await userEvent.click(screen.getByRole('button', { name: 'Check card' }));
  }

  it('denies an isolated person with that reason, from the cached deny list', async () => {
    const signer = await makeSigner();
    const token = await signer.sign(claims(validClaims));
    const store = await deviceWithData(2, signer, [
      {
        cardNumber: card,
        status: 'ACTIVE',
        tokenVersion: 1,
        reasons: ['ISOLATED'],
        testDueBy: null,
      },
    ]);
    renderWith(<GatePage />, offlineEverywhere().client, {
      openGateStore: () => Promise.resolve(store),
    });
    await chooseArea();
    expect(
      await screen.findByText(/\(2 h old; offline decisions on data up to 12 h old\)/),
    ).toBeTruthy();
    await scan(token);
    const result = await screen.findByRole('alertdialog', { name: 'DENIED' });
    expect(
      within(result).getByText('The person is in isolation after a positive test.'),
    ).toBeTruthy();
    expect(within(result).getByText(/Decided offline on this device/)).toBeTruthy();
    expect((await store.pending())[0].input).toMatchObject({ deviceDecision: 'DENIED' });
  });

  it('refuses to decide on data older than the limit, and says so', async () => {
    const signer = await makeSigner();
    const token = await signer.sign(claims(validClaims));
    const store = await deviceWithData(13, signer, []);
    renderWith(<GatePage />, offlineEverywhere().client, {
      openGateStore: () => Promise.resolve(store),
    });
    await chooseArea();
    expect(await screen.findByText(/13 h old/)).toBeTruthy();
    await scan(token);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /card data is 13 h old, older than the 12-hour limit: it cannot decide alone/,
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await store.pending()).toHaveLength(0);

    // A longer limit set on this device lets it decide on the same data.
    const limit = screen.getByRole('spinbutton', { name: /Decide offline on data up to/ });
    await userEvent.clear(limit);
    await userEvent.type(limit, '14');
    await scan(token);
    expect(await screen.findByRole('alertdialog', { name: 'ADMITTED' })).toBeTruthy();
  });

  it('refuses to decide without a deny list', async () => {
    const signer = await makeSigner();
    const token = await signer.sign(claims(validClaims));
    const store = await deviceWithData(1, signer, null);
    renderWith(<GatePage />, offlineEverywhere().client, {
      openGateStore: () => Promise.resolve(store),
    });
    await chooseArea();
    expect(await screen.findByText(/deny list not available/)).toBeTruthy();
    await scan(token);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /not yet loaded the list of cards to refuse/,
    );
    expect(await store.pending()).toHaveLength(0);
  });
});

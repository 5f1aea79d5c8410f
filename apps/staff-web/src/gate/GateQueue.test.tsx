import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cardNumberFor } from '@card-number';
import { renderWith } from '../test/render';
import { stubClient } from '../test/stubClient';
import { GatePage } from './GatePage';
import { MemoryGateStore } from './store';

/** The camera library, replaced: the test plays the part of the QR codes it reads. */
const scanners = vi.hoisted(() => {
  const made: { started: boolean; stopped: boolean; read: (text: string) => void }[] = [];
  return { made };
});
vi.mock('qr-scanner', () => ({
  default: class {
    record: { started: boolean; stopped: boolean; read: (text: string) => void };
    constructor(_video: HTMLVideoElement, onDecode: (r: { data: string }) => void) {
      this.record = { started: false, stopped: false, read: (data) => onDecode({ data }) };
      scanners.made.push(this.record);
    }
    start() {
      this.record.started = true;
      return Promise.resolve();
    }
    stop() {
      this.record.stopped = true;
    }
    destroy() {}
  },
}));

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
const first = cardNumberFor(1234567);
const second = cardNumberFor(7654321);

function gateClient() {
  return stubClient({
    InspectionAreas: () => ({ data: areas }),
    VerificationKeys: () => ({ data: { cardVerificationKeys: '{"keys":[]}', venues: [] } }),
    DenyList: () => ({ data: { cardDenyList: [] } }),
    CheckIn: (vars) => {
      const input = vars.input as { id: string; cardNumber: string; direction: string };
      const denied = input.cardNumber === second;
      return {
        data: {
          checkIn: {
            __typename: 'CheckIn',
            id: input.id,
            direction: input.direction,
            decision: denied ? 'DENIED' : 'ADMITTED',
            reasons: denied ? ['TEST_OVERDUE'] : [],
            scannedAt: '2022-02-04T12:00:00.000Z',
            replayed: false,
            area: {
              __typename: 'InspectionArea',
              code: 'NST-GATE-1',
              name: 'National Stadium gate 1',
            },
            person: null,
          },
        },
      };
    },
  });
}

/** A device with (or without) a camera, and a vibration motor that records. */
function device(camera: 'camera' | 'no camera' | 'no media devices') {
  const vibrate = vi.fn(() => true);
  Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value:
      camera === 'no media devices'
        ? undefined
        : {
            enumerateDevices: () =>
              Promise.resolve(
                camera === 'camera'
                  ? [{ kind: 'audioinput' }, { kind: 'videoinput', deviceId: 'back' }]
                  : [{ kind: 'audioinput' }],
              ),
            getUserMedia: vi.fn(),
          },
  });
  return { vibrate };
}

async function openGate() {
  const { client, calls } = gateClient();
  const view = renderWith(<GatePage />, client, {
    openGateStore: () => Promise.resolve(new MemoryGateStore()),
  });
  const select = screen.getByRole('combobox', { name: 'Inspection area' });
  await waitFor(() => expect(within(select).getAllByRole('option').length).toBe(2));
  await userEvent.selectOptions(select, 'NST-GATE-1');
  return { calls, view };
}

beforeEach(() => {
  scanners.made.length = 0;
});
afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices');
  Reflect.deleteProperty(navigator, 'vibrate');
});

describe('GatePage serving a queue', () => {
  it('starts the camera by itself and keeps it reading: the next card replaces the answer', async () => {
    const { vibrate } = device('camera');
    const { calls } = await openGate();

    // No tap: the scanner is running as soon as the gate knows there is a camera.
    await waitFor(() => expect(scanners.made[0]?.started).toBe(true));
    expect(screen.getByLabelText('Camera view for scanning card QR codes')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start camera' })).toBeNull();

    act(() => scanners.made[0].read(first));
    const admitted = await screen.findByRole('alertdialog', { name: 'ADMITTED' });
    expect(within(admitted).getByText(/^Scan #1 ·/)).toBeTruthy();
    expect(vibrate).toHaveBeenLastCalledWith([80]);

    // The same card still in front of the camera is not read again.
    act(() => scanners.made[0].read(first));
    // The scanner was never stopped for the answer, and the next card is read at once.
    expect(scanners.made).toHaveLength(1);
    expect(scanners.made[0].stopped).toBe(false);
    act(() => scanners.made[0].read(second));
    const denied = await screen.findByRole('alertdialog', { name: 'DENIED' });
    expect(within(denied).getByText(/^Scan #2 ·/)).toBeTruthy();
    expect(within(denied).getByText('Send to the testing point.')).toBeTruthy();
    expect(vibrate).toHaveBeenLastCalledWith([250, 100, 250, 100, 250]);
    expect(calls.filter((c) => c.operation === 'CheckIn')).toHaveLength(2);
  });

  it('remembers that the operator stopped the camera, and offers to start it again', async () => {
    device('camera');
    const { view } = await openGate();
    await waitFor(() => expect(scanners.made[0]?.started).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: 'Stop camera' }));
    expect(scanners.made[0].stopped).toBe(true);
    expect(screen.queryByLabelText('Camera view for scanning card QR codes')).toBeNull();

    view.unmount();
    await openGate();
    const start = await screen.findByRole('button', { name: 'Start camera' });
    expect(scanners.made).toHaveLength(1);
    await userEvent.click(start);
    await waitFor(() => expect(scanners.made[1]?.started).toBe(true));
  });

  it.each(['no camera', 'no media devices'] as const)(
    'with %s, says so quietly and checks typed cards',
    async (kind) => {
      device(kind);
      await openGate();
      expect(await screen.findByText(/No camera on this device/)).toBeTruthy();
      expect(screen.queryByRole('alert')).toBeNull();
      expect(screen.queryByLabelText('Camera view for scanning card QR codes')).toBeNull();
      expect(screen.queryByRole('button', { name: /camera/i })).toBeNull();
      expect(scanners.made).toHaveLength(0);

      await userEvent.type(
        screen.getByRole('textbox', { name: 'Card number or scanned code' }),
        first,
      );
      await userEvent.click(screen.getByRole('button', { name: 'Check card' }));
      expect(await screen.findByRole('alertdialog', { name: 'ADMITTED' })).toBeTruthy();
    },
  );

  it('keeps the sound, vibration, auto-return and direction settings on the device', async () => {
    const { vibrate } = device('no camera');
    const { view } = await openGate();
    expect(screen.getByRole('checkbox', { name: 'Sound for each result' })).toHaveProperty(
      'checked',
      true,
    );
    const auto = screen.getByRole('combobox', { name: 'Back to ready after' });
    expect(auto).toHaveProperty('value', '4');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Sound for each result' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Vibrate for each result' }));
    await userEvent.selectOptions(auto, '2');
    await userEvent.click(screen.getByRole('button', { name: 'OUT (exit)' }));
    expect(screen.getByRole('button', { name: 'OUT (exit)' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByRole('button', { name: 'IN (entry)' }).getAttribute('aria-pressed')).toBe(
      'false',
    );

    view.unmount();
    await openGate();
    expect(screen.getByRole('checkbox', { name: 'Sound for each result' })).toHaveProperty(
      'checked',
      false,
    );
    expect(screen.getByRole('checkbox', { name: 'Vibrate for each result' })).toHaveProperty(
      'checked',
      false,
    );
    expect(screen.getByRole('combobox', { name: 'Back to ready after' })).toHaveProperty(
      'value',
      '2',
    );
    expect(screen.getByRole('button', { name: 'OUT (exit)' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Card number or scanned code' }),
      first,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Check card' }));
    const result = await screen.findByRole('alertdialog', { name: 'ADMITTED' });
    expect(result.querySelector('.gate-way')?.textContent).toBe('OUT');
    expect(vibrate).not.toHaveBeenCalled();
    // Back to ready by itself, after the 2 seconds chosen.
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), { timeout: 3_000 });
  });
});

import { describe, expect, it, vi } from 'vitest';
import { DecisionSignal, TONES, VIBRATIONS } from './feedback';

/** An AudioContext that records the oscillators it was asked to play. */
function fakeAudio(state: AudioContextState = 'running') {
  const played: { type: string; frequency: number; start: number; stop: number }[] = [];
  const resume = vi.fn(() => Promise.resolve());
  let created = 0;
  class FakeAudioContext {
    state = state;
    currentTime = 10;
    destination = {};
    resume = resume;
    constructor() {
      created += 1;
    }
    createOscillator() {
      const o = {
        type: 'sine',
        frequency: { value: 0 },
        connect: vi.fn(),
        start: (at: number) =>
          played.push({ type: o.type, frequency: o.frequency.value, start: at, stop: 0 }),
        stop: (at: number) => {
          played[played.length - 1].stop = at;
        },
      };
      return o;
    }
    createGain() {
      return {
        gain: { setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn() },
        connect: vi.fn(),
      };
    }
  }
  return {
    AudioContext: FakeAudioContext as unknown as new () => AudioContext,
    played,
    resume,
    created: () => created,
  };
}

describe('DecisionSignal', () => {
  it('plays a high two-tone for ADMITTED and a low buzz for DENIED', () => {
    const audio = fakeAudio();
    const signal = new DecisionSignal({ AudioContext: audio.AudioContext });
    signal.signal('ADMITTED', { sound: true, vibration: false });
    expect(audio.played).toEqual([
      { type: 'sine', frequency: 880, start: 10, stop: 10.12 },
      { type: 'sine', frequency: 1320, start: 10.14, stop: 10.3 },
    ]);
    audio.played.length = 0;
    signal.signal('DENIED', { sound: true, vibration: false });
    expect(audio.played).toEqual([{ type: 'square', frequency: 140, start: 10, stop: 10.6 }]);
    // One context for the page, not one per scan.
    expect(audio.created()).toBe(1);
  });

  it('tells the two decisions apart by pitch and length', () => {
    const lowestAdmitted = Math.min(...TONES.ADMITTED.map((t) => t.frequency));
    const highestDenied = Math.max(...TONES.DENIED.map((t) => t.frequency));
    expect(lowestAdmitted).toBeGreaterThan(highestDenied * 4);
    expect(VIBRATIONS.DENIED.length).toBeGreaterThan(VIBRATIONS.ADMITTED.length);
  });

  it('wakes a context the browser started suspended', () => {
    const audio = fakeAudio('suspended');
    new DecisionSignal({ AudioContext: audio.AudioContext }).signal('DENIED', {
      sound: true,
      vibration: false,
    });
    expect(audio.resume).toHaveBeenCalledTimes(1);
  });

  it('vibrates a different pattern per decision where the device can', () => {
    const vibrate = vi.fn(() => true);
    const signal = new DecisionSignal({ vibrate });
    signal.signal('ADMITTED', { sound: true, vibration: true });
    signal.signal('DENIED', { sound: false, vibration: true });
    expect(vibrate.mock.calls).toEqual([[[80]], [[250, 100, 250, 100, 250]]]);
  });

  it('stays silent and still when both are switched off', () => {
    const audio = fakeAudio();
    const vibrate = vi.fn(() => true);
    new DecisionSignal({ AudioContext: audio.AudioContext, vibrate }).signal('DENIED', {
      sound: false,
      vibration: false,
    });
    expect(audio.created()).toBe(0);
    expect(vibrate).not.toHaveBeenCalled();
  });

  it('never throws on a device without audio or vibration, or whose audio fails', () => {
    expect(() =>
      new DecisionSignal({}).signal('ADMITTED', { sound: true, vibration: true }),
    ).not.toThrow();
    class Broken {
      constructor() {
        throw new Error('no audio hardware');
      }
    }
    const vibrate = vi.fn(() => true);
    const signal = new DecisionSignal({
      AudioContext: Broken as unknown as new () => AudioContext,
      vibrate,
    });
    expect(() => signal.signal('DENIED', { sound: true, vibration: true })).not.toThrow();
    // The vibration still comes when the sound fails.
    expect(vibrate).toHaveBeenCalledTimes(1);
  });
});

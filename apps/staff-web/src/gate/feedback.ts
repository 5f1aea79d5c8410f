import type { Decision } from '../gql/graphql';

/**
 * The gate's answer by ear and by touch, so a volunteer serving a queue need not
 * look down at the tablet for every card: generated tones (no sound files to
 * cache for offline use) and, where the device has a motor, a vibration.
 */

export interface FeedbackSettings {
  sound: boolean;
  vibration: boolean;
}

interface Tone {
  frequency: number;
  type: OscillatorType;
  /** Seconds from the start of the signal. */
  start: number;
  duration: number;
}

/** Admitted: a short rising high two-tone. Denied: a long low buzz, unmistakably different. */
export const TONES: Readonly<Record<Decision, readonly Tone[]>> = {
  ADMITTED: [
    { frequency: 880, type: 'sine', start: 0, duration: 0.12 },
    { frequency: 1320, type: 'sine', start: 0.14, duration: 0.16 },
  ],
  DENIED: [{ frequency: 140, type: 'square', start: 0, duration: 0.6 }],
};

/** One short pulse for admitted; three long ones for denied, felt through a glove. */
export const VIBRATIONS: Readonly<Record<Decision, readonly number[]>> = {
  ADMITTED: [80],
  DENIED: [250, 100, 250, 100, 250],
};

const VOLUME = 0.25;

type AudioContextClass = new () => AudioContext;

/** What the signal needs of the browser; the defaults are the window's own. */
export interface FeedbackDevice {
  AudioContext?: AudioContextClass;
  vibrate?: (pattern: number[]) => boolean;
}

function browserDevice(): FeedbackDevice {
  const w = globalThis as unknown as {
    AudioContext?: AudioContextClass;
    webkitAudioContext?: AudioContextClass;
    navigator?: Navigator;
  };
  const nav = w.navigator;
  return {
    AudioContext: w.AudioContext ?? w.webkitAudioContext,
    vibrate:
      nav && typeof nav.vibrate === 'function' ? (pattern) => nav.vibrate(pattern) : undefined,
  };
}

/** Plays and vibrates a decision; one audio context is kept for the life of the page. */
export class DecisionSignal {
  private context: AudioContext | null = null;

  constructor(private readonly device: FeedbackDevice = browserDevice()) {}

  signal(decision: Decision, settings: FeedbackSettings): void {
    // A silent or still device is never a reason for the gate to fail.
    try {
      if (settings.sound) this.play(decision);
    } catch {
      // no audio on this device
    }
    try {
      if (settings.vibration) this.device.vibrate?.([...VIBRATIONS[decision]]);
    } catch {
      // no vibration on this device
    }
  }

  private play(decision: Decision): void {
    if (!this.device.AudioContext) return;
    this.context ??= new this.device.AudioContext();
    const context = this.context;
    // Browsers start a context suspended until the page has been touched.
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const now = context.currentTime;
    for (const tone of TONES[decision]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = tone.type;
      oscillator.frequency.value = tone.frequency;
      const from = now + tone.start;
      const to = from + tone.duration;
      // A short fade in and out: no click at either end.
      gain.gain.setValueAtTime(0, from);
      gain.gain.linearRampToValueAtTime(VOLUME, from + 0.01);
      gain.gain.setValueAtTime(VOLUME, to - 0.02);
      gain.gain.linearRampToValueAtTime(0, to);
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start(from);
      oscillator.stop(to);
    }
  }
}

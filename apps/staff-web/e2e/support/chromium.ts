import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (tools/ensure-chromium.sh installs it): no browser download works here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless, as root, on a machine with no route outside: without the
 * background-networking flags Chromium keeps dialling hosts it cannot reach.
 */
const HEADLESS_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: HEADLESS_ARGS });
}

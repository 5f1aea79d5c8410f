import type { Page } from 'playwright-core';
import type { StaffPage } from '#apps/staff-web/e2e/support/staff-web.js';

export type Decision = 'ADMITTED' | 'DENIED';

/** What the gate's full-screen answer says. */
export interface Verdict {
  decision: Decision;
  /** The reasons in words, as the officer reads them. */
  reasons: string[];
  /** The person's name, or null when no person could be identified from the card. */
  person: string | null;
  /** "Entry at …" or "Exit at …". */
  direction: string;
  /** Decided on the device alone, while the server could not be reached. */
  offline: boolean;
}

/**
 * The gate screen, driven as an officer would: choose the area and direction,
 * type or scan a card, read the verdict, go on to the next scan.
 */
export class GateScreen {
  constructor(readonly tab: StaffPage) {}

  get page(): Page {
    return this.tab.page;
  }

  /** The card field (number typed with its check digit, or a scanned code). */
  get cardField() {
    return this.page.getByRole('textbox', { name: 'Card number or scanned code' });
  }

  /**
   * Opens the gate at an area (once the area list holds it) and sets the direction.
   * The answer stays until the next scan unless `autoReturnSeconds` is given, so a
   * scenario reads it at its own pace on a busy machine.
   */
  async open(
    areaCode: string,
    direction: 'IN' | 'OUT' = 'IN',
    { autoReturnSeconds = 0 }: { autoReturnSeconds?: number } = {},
  ): Promise<void> {
    await this.tab.open('gate');
    await this.page
      .locator(`#gate-area option[value="${areaCode}"]`)
      .waitFor({ state: 'attached' });
    await this.page.getByLabel('Inspection area').selectOption(areaCode);
    await this.page.getByLabel('Back to ready after').selectOption(String(autoReturnSeconds));
    await this.direction(direction);
  }

  async direction(direction: 'IN' | 'OUT'): Promise<void> {
    const button = this.page.getByRole('button', {
      name: direction === 'IN' ? 'IN (entry)' : 'OUT (exit)',
    });
    await button.click();
    await this.page
      .locator('.direction-toggle button[aria-pressed="true"]', { hasText: direction })
      .waitFor();
  }

  /** Types a card number or token and presses Check card: the verdict follows. */
  async check(card: string): Promise<Verdict> {
    await this.cardField.fill(card);
    await this.page.getByRole('button', { name: 'Check card' }).click();
    return this.verdict();
  }

  /** Waits for the full-screen answer and reads it. */
  async verdict(): Promise<Verdict> {
    const dialog = this.page.getByRole('alertdialog');
    await dialog.waitFor();
    const decision = (await dialog.getByRole('heading', { level: 2 }).textContent())?.trim();
    if (decision !== 'ADMITTED' && decision !== 'DENIED')
      throw new Error(`the gate answered "${decision}"`);
    const reasons = await dialog
      .getByRole('list', { name: 'Reasons for denial' })
      .getByRole('listitem')
      .allTextContents();
    const person = dialog.locator('.gate-person dd').first();
    return {
      decision,
      reasons,
      person: (await person.count()) ? await person.textContent() : null,
      direction: ((await dialog.locator('.gate-direction').textContent()) ?? '').trim(),
      offline: (await dialog.getByText(/Decided offline on this device/).count()) > 0,
    };
  }

  /** Dismisses the verdict for the next scan. */
  async next(): Promise<void> {
    const dialog = this.page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Next scan' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Waits until the queue of scans decided offline holds exactly n. */
  async waitForQueue(n: number): Promise<void> {
    await this.page.getByText(`${n} scan${n === 1 ? '' : 's'} waiting to upload`).waitFor();
  }

  /** Waits until the gate holds the card keys and the deny list for deciding offline. */
  async waitForOfflineData(): Promise<void> {
    await this.page.getByText(/card keys from/).waitFor();
    await this.page.getByText(/deny list from/).waitFor();
  }
}

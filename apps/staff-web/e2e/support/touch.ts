import type { Page } from 'playwright-core';

/** The smallest control a gloved finger on a tablet hits reliably, in CSS pixels. */
export const MIN_TARGET_PX = 48;
/** WCAG 1.4.11: a focus indicator contrasts 3:1 with what is around it. */
export const MIN_FOCUS_CONTRAST = 3;

export interface Undersized {
  control: string;
  width: number;
  height: number;
}

/**
 * Every visible button, field, list and link on the page that is smaller than
 * 48 x 48. A checkbox or radio button is hit through its label, so the label
 * is what is measured for one wrapped in a label.
 */
export async function undersizedControls(page: Page): Promise<Undersized[]> {
  const found = await page
    .locator('button, input, select, textarea, a[href], [role="button"], summary')
    .evaluateAll((elements) =>
      elements.flatMap((el) => {
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return [];
        const input = el instanceof HTMLInputElement ? el : null;
        const target =
          input && (input.type === 'checkbox' || input.type === 'radio')
            ? (input.closest('label') ?? input)
            : el;
        const box = target.getBoundingClientRect();
        // Moved out of the page until focused (a skip link): not there to be touched.
        if (box.right + window.scrollX <= 0 || box.bottom + window.scrollY <= 0) return [];
        const name =
          el.getAttribute('aria-label') ||
          (el.textContent ?? '').trim().slice(0, 40) ||
          (input?.labels?.[0]?.textContent ?? '').trim() ||
          el.id;
        return [
          {
            control: `${el.tagName.toLowerCase()} "${name}"`,
            width: Math.round(box.width * 10) / 10,
            height: Math.round(box.height * 10) / 10,
          },
        ];
      }),
    );
  return found.filter((c) => c.width < MIN_TARGET_PX || c.height < MIN_TARGET_PX);
}

export interface FocusStop {
  control: string;
  /** Why a person tabbing could not see where the focus is; null when they can. */
  problem: string | null;
}

/**
 * Presses Tab through every control of the page until it comes round to the
 * first again (at most `limit` presses), and says for each focused element whether a person can see it: it
 * is rendered, at least 8 x 8, inside the window, and its focus ring contrasts
 * 3:1 with the background around it.
 */
export async function tabThrough(page: Page, limit = 80): Promise<FocusStop[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  });
  const stops: FocusStop[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((minContrast) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      // Each element marked once, so coming round to the first again ends the walk.
      const marks = document.querySelectorAll('[data-tab-stop]').length;
      el.dataset.tabStop ??= String(marks + 1);
      const id = el.dataset.tabStop;
      const control = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40) || (el as HTMLInputElement).labels?.[0]?.textContent?.trim() || el.id}"`;
      const luminance = (color: string) => {
        const [r, g, b] = (color.match(/[\d.]+/g) ?? ['0', '0', '0'])
          .slice(0, 3)
          .map((v) => Number(v) / 255)
          .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const opaque = (color: string) => {
        const parts = color.match(/[\d.]+/g) ?? [];
        return parts.length === 3 || (parts.length === 4 && Number(parts[3]) > 0.5);
      };
      const box = el.getBoundingClientRect();
      let problem: string | null = null;
      const style = getComputedStyle(el);
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
        problem = 'not rendered';
      } else if (box.width < 8 || box.height < 8) {
        problem = `only ${box.width} x ${box.height} px`;
      } else if (
        box.bottom <= 0 ||
        box.right <= 0 ||
        box.top >= window.innerHeight ||
        box.left >= window.innerWidth
      ) {
        problem = 'outside the window';
      } else if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
        problem = 'no focus ring';
      } else {
        // The ring is drawn outside the element: what is behind it is its parents' background.
        let around: Element | null = el.parentElement;
        let background = 'rgb(255, 255, 255)';
        while (around) {
          const bg = getComputedStyle(around).backgroundColor;
          if (opaque(bg)) {
            background = bg;
            break;
          }
          around = around.parentElement;
        }
        const [light, dark] = [luminance(style.outlineColor), luminance(background)].sort(
          (a, b) => b - a,
        );
        const contrast = (light + 0.05) / (dark + 0.05);
        if (contrast < minContrast)
          problem = `focus ring ${style.outlineColor} on ${background}: ${contrast.toFixed(2)}:1`;
      }
      return { id, control, problem };
    }, MIN_FOCUS_CONTRAST);
    if (!stop) continue;
    if (seen.has(stop.id)) break;
    seen.add(stop.id);
    stops.push({ control: stop.control, problem: stop.problem });
  }
  return stops;
}

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSystem, type RunningSystem } from '#tools/in-process-system.js';
import { given } from '#test/support/given.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';
import { launchChromium } from '#apps/staff-web/e2e/support/chromium.js';
import { FAILURES_DIR, SCREENSHOTS_BUILD_DIR } from '#apps/staff-web/e2e/support/screenshots.js';

/** The roles of the staff (libs/auth/roles.ts). */
export type Role =
  'ADMIN' | 'ACCREDITATION_OFFICER' | 'INSPECTION_OFFICER' | 'HEALTH_OFFICER' | 'TRACER' | 'VIEWER';

/** The client's hash routes (apps/staff-web/src/nav). */
export type ScreenPath =
  | 'gate'
  | 'arrival'
  | 'people'
  | 'register'
  | 'import'
  | 'organisations'
  | 'health'
  | 'tracing'
  | 'live'
  | 'users'
  | 'api-keys'
  | 'areas'
  | 'venues'
  | 'audit'
  | 'conflicts'
  | `person/${string}`;

export interface Viewport {
  width: number;
  height: number;
}

export const DESKTOP: Viewport = { width: 1280, height: 860 };
export const TABLET: Viewport = { width: 768, height: 1024 };

/** How long one step (a click, a wait for text) may take before the scenario fails. */
const STEP_TIMEOUT_MS = 20_000;
/** A scenario that hangs fails instead of holding the run. */
const SCENARIO_TIMEOUT_MS = 180_000;

/** One browser tab of its own (a fresh context: no cookies, storage or service worker shared). */
export interface StaffPage {
  page: Page;
  context: BrowserContext;
  /** The system's address, e.g. http://127.0.0.1:41234 (the gateway serves the client at /). */
  baseUrl: string;
  /** Opens a screen by its hash route and waits for its page heading. */
  open: (screen: ScreenPath) => Promise<void>;
  /** Saves a full-page screenshot as dist/screenshots/<name>.png. */
  shot: (name: string) => Promise<void>;
  /** Cuts the browser off the network (true) or puts it back (false). */
  setOffline: (offline: boolean) => Promise<void>;
}

export interface Scenario {
  system: RunningSystem;
  /** A client signed in as the first ADMIN, for seeding and for checking what the screens did. */
  admin: GraphQLClient;
  /** The server tests' factories (test/support/given.ts), as the admin. */
  given: ReturnType<typeof given>;
  /** A new user with these roles, signed in through the form in a tab of their own. */
  signIn: (roles: Role | Role[], options?: { viewport?: Viewport }) => Promise<StaffPage>;
  /**
   * A tab of its own at the sign-in form, nobody signed in; `locale` is the browser's
   * language (navigator.languages), English unless told.
   */
  signedOut: (options?: { viewport?: Viewport; locale?: string }) => Promise<StaffPage>;
}

interface Suite {
  system: RunningSystem;
  browser: Browser;
}

let suite: Suite | null = null;

// One system and one Chromium for every screen in this process (root hooks: they
// run once, before the first screen's scenarios and after the last one's).
before(async () => {
  const system = await startSystem({ label: 'staff_web' });
  try {
    suite = { system, browser: await launchChromium() };
  } catch (error) {
    await system.stop();
    throw error;
  }
});
after(async () => {
  const running = suite;
  suite = null;
  await running?.browser.close();
  await running?.system.stop();
});

/**
 * The browser tests of one screen (a describe block). Its scenarios share the
 * process's system (startSystem: database, services, gateway serving
 * dist/staff-web) and Chromium with the other screens; each scenario has
 * browser contexts and data of its own.
 */
export function screen(name: string, define: () => void): void {
  void describe(name, define);
}

/**
 * One scenario: `run` gets fresh tabs from signIn/signedOut and makes the data
 * it reads with `given`. Its tabs close afterwards; when it fails, each open tab
 * is photographed to dist/test-failures/ and the page's own errors are reported.
 */
export function scenario(name: string, run: (s: Scenario) => Promise<void>): void {
  void it(name, { timeout: SCENARIO_TIMEOUT_MS }, async () => {
    if (!suite) throw new Error('scenario() belongs inside screen()');
    const { system, browser } = suite;
    const baseUrl = system.url.replace(/\/graphql$/, '');
    const opened: StaffPage[] = [];
    const pageErrors: string[] = [];

    const newTab = async (viewport: Viewport = DESKTOP, locale?: string): Promise<StaffPage> => {
      const context = await browser.newContext(locale ? { viewport, locale } : { viewport });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const tab: StaffPage = {
        page,
        context,
        baseUrl,
        open: async (screenPath) => {
          await page.goto(`${baseUrl}/#/${screenPath}`);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
        },
        shot: async (shotName) => {
          await mkdir(SCREENSHOTS_BUILD_DIR, { recursive: true });
          await page.screenshot({
            path: path.join(SCREENSHOTS_BUILD_DIR, `${shotName}.png`),
            fullPage: true,
          });
        },
        setOffline: (offline) => context.setOffline(offline),
      };
      opened.push(tab);
      return tab;
    };

    const signedOut = async (options: { viewport?: Viewport; locale?: string } = {}) => {
      const tab = await newTab(options.viewport, options.locale);
      await tab.page.goto(`${baseUrl}/`);
      // The form's heading, in whichever language the browser asked for.
      await tab.page.locator('#login-title').waitFor();
      return tab;
    };

    const g = given(system);
    const signIn = async (roles: Role | Role[], options: { viewport?: Viewport } = {}) => {
      const account = await g.account(Array.isArray(roles) ? roles : [roles]);
      const tab = await signedOut(options);
      await tab.page.getByRole('textbox', { name: 'Email' }).fill(account.email);
      await tab.page.getByLabel('Password').fill(account.password);
      await tab.page.getByRole('button', { name: 'Sign in' }).click();
      await tab.page.getByRole('navigation', { name: 'Screens' }).waitFor();
      return tab;
    };

    try {
      await run({ system, admin: system.admin, given: g, signIn, signedOut });
    } catch (error) {
      await mkdir(FAILURES_DIR, { recursive: true });
      const shots: string[] = [];
      for (const [i, tab] of opened.entries()) {
        if (tab.page.isClosed()) continue;
        const file = path.join(FAILURES_DIR, `${name.replace(/\W+/g, '-')}-${i}.png`);
        await tab.page.screenshot({ path: file, fullPage: true }).then(
          () => shots.push(file),
          () => undefined,
        );
      }
      const notes = [
        ...shots.map((f) => `page at the failure: ${path.relative(process.cwd(), f)}`),
        ...pageErrors.map((e) => `page error: ${e}`),
      ];
      if (notes.length && error instanceof Error) error.message += `\n${notes.join('\n')}`;
      throw error;
    } finally {
      await Promise.all(opened.map((tab) => tab.context.close().catch(() => undefined)));
    }
  });
}

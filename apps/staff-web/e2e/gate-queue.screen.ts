import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { GateScreen } from '#apps/staff-web/e2e/support/gate.js';
import { scenario, screen, TABLET } from '#apps/staff-web/e2e/support/staff-web.js';

const LANDSCAPE = { width: 1024, height: 768 };

/**
 * A camera for a browser that has none: a grey picture from a canvas, offered
 * as the device's only video input, so the gate starts scanning as on a tablet.
 */
function fakeCamera() {
  const media = navigator.mediaDevices;
  media.enumerateDevices = () =>
    Promise.resolve([
      { kind: 'videoinput', deviceId: 'back', groupId: 'g', label: '', toJSON: () => ({}) },
    ] as MediaDeviceInfo[]);
  media.getUserMedia = () => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const context = canvas.getContext('2d');
    if (context) {
      context.fillStyle = '#777';
      context.fillRect(0, 0, 640, 480);
    }
    return Promise.resolve(canvas.captureStream(5));
  };
}

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  assert.ok(box, 'not on the page');
  return box;
}

function assertInWindow(page: Page, box: Box, what: string) {
  const size = page.viewportSize();
  assert.ok(size);
  assert.ok(
    box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= size.width + 0.5 &&
      box.y + box.height <= size.height + 0.5,
    `${what} is not wholly in view at ${size.width} x ${size.height}: ${JSON.stringify(box)}`,
  );
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

screen('Gate serving a queue', () => {
  for (const viewport of [LANDSCAPE, TABLET]) {
    scenario(
      `the camera runs by itself and stays in view beside the answer at ${viewport.width} x ${viewport.height}`,
      async (s) => {
        const organisation = await s.given.organisation();
        const person = await s.given.arrivedPerson(organisation.id, {
          venues: ['NST'],
          zones: ['1'],
        });
        const area = await s.given.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });
        const tab = await s.signIn('INSPECTION_OFFICER', { viewport });
        await tab.page.addInitScript(fakeCamera);
        const gate = new GateScreen(tab);
        await gate.open(area.code, 'OUT');
        await tab.page.reload();
        await tab.page.getByRole('heading', { name: 'Gate', level: 1 }).waitFor();

        // Nobody tapped anything: the preview is live.
        const video = tab.page.getByLabel('Camera view for scanning card QR codes');
        await tab.page.waitForFunction(() => {
          const v = document.querySelector('video');
          return v?.srcObject instanceof MediaStream && v.srcObject.active;
        });
        assertInWindow(tab.page, await boxOf(video), 'the camera preview');

        const verdict = await gate.check(person.cardNumber);
        assert.equal(verdict.decision, 'ADMITTED');
        const dialog = tab.page.getByRole('alertdialog');
        const preview = await boxOf(video);
        assertInWindow(tab.page, preview, 'the camera preview beside the answer');
        for (const [what, part] of [
          ['the decision', dialog.getByRole('heading', { name: 'ADMITTED' })],
          ['the direction', dialog.locator('.gate-way')],
          ['the scan number', dialog.getByText(/^Scan #1 ·/)],
          ['Next scan', dialog.getByRole('button', { name: 'Next scan' })],
        ] as const) {
          const box = await boxOf(part);
          assertInWindow(tab.page, box, what);
          assert.ok(
            !overlap(box, preview),
            `the camera preview ${JSON.stringify(preview)} covers ${what} ${JSON.stringify(box)}`,
          );
        }
        assert.equal((await dialog.locator('.gate-way').textContent())?.trim(), 'OUT');
        // Still scanning while the answer shows.
        assert.equal(
          await video.evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream).active),
          true,
        );
        await tab.shot(`gate-queue-${viewport.width}x${viewport.height}`);
      },
    );
  }

  scenario(
    'the answer goes back to ready by itself, numbered, and a denial says what next',
    async (s) => {
      const organisation = await s.given.organisation();
      const allowed = await s.given.arrivedPerson(organisation.id, {
        venues: ['NST'],
        zones: ['1'],
      });
      const elsewhere = await s.given.arrivedPerson(organisation.id, {
        venues: ['WKS'],
        zones: ['1'],
      });
      const area = await s.given.area({ kind: 'VENUE', venueCode: 'NST', zone: '1' });
      const gate = new GateScreen(await s.signIn('INSPECTION_OFFICER', { viewport: TABLET }));
      // Headless Chromium has no camera: the gate says so quietly and typing works.
      await gate.open(area.code, 'IN', { autoReturnSeconds: 2 });
      await gate.page.getByText('No camera on this device').waitFor();
      assert.equal(await gate.page.getByRole('alert').count(), 0);

      assert.equal((await gate.check(allowed.cardNumber)).decision, 'ADMITTED');
      const dialog = gate.page.getByRole('alertdialog');
      await dialog.getByText(/^Scan #1 ·/).waitFor();
      await dialog.getByText('Back to ready in 2 s.').waitFor();
      await dialog.waitFor({ state: 'detached' });

      const denied = await gate.check(elsewhere.cardNumber);
      assert.equal(denied.decision, 'DENIED');
      await dialog.getByText(/^Scan #2 ·/).waitFor();
      assert.deepEqual(
        await dialog
          .getByRole('list', { name: 'What to do next' })
          .getByRole('listitem')
          .allTextContents(),
        ['Not allowed here: direct to an allowed entrance.'],
      );
      await gate.tab.shot('gate-denied-next-step');
      // The setting is kept on the device.
      await gate.page.reload();
      await gate.page.getByRole('heading', { name: 'Gate', level: 1 }).waitFor();
      assert.equal(await gate.page.getByLabel('Back to ready after').inputValue(), '2');
    },
  );
});

import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  SCREENSHOTS_BUILD_DIR,
  SCREENSHOTS_COMMITTED_DIR,
} from '#apps/staff-web/e2e/support/screenshots.js';

/**
 * `npm run screenshots`: after a green browser run, copies its screenshots
 * (dist/screenshots/) over the committed ones the READMEs show. Tests never
 * write the committed folder themselves, so `npm test` leaves git clean.
 */
const shots = (await readdir(SCREENSHOTS_BUILD_DIR)).filter((f) => f.endsWith('.png'));
if (shots.length === 0) {
  console.error(`no screenshots in ${SCREENSHOTS_BUILD_DIR}: run the browser tests first`);
  process.exit(1);
}
await mkdir(SCREENSHOTS_COMMITTED_DIR, { recursive: true });
for (const shot of shots) {
  await copyFile(
    path.join(SCREENSHOTS_BUILD_DIR, shot),
    path.join(SCREENSHOTS_COMMITTED_DIR, shot),
  );
}
console.log(
  `copied ${shots.length} screenshots to ${path.relative(process.cwd(), SCREENSHOTS_COMMITTED_DIR)}/`,
);

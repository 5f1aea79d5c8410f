import path from 'node:path';
import { REPO_ROOT } from '#tools/paths.js';

/** Where every run writes its screenshots: a build folder, never committed. */
export const SCREENSHOTS_BUILD_DIR = path.join(REPO_ROOT, 'dist/screenshots');

/** The committed copies the READMEs show; only `npm run screenshots` writes here. */
export const SCREENSHOTS_COMMITTED_DIR = path.join(REPO_ROOT, 'apps/staff-web/e2e/screenshots');

/** Pages of failed scenarios, photographed as they were when the scenario failed. */
export const FAILURES_DIR = path.join(REPO_ROOT, 'dist/test-failures');

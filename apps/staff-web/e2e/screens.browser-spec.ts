import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Every screen's scenarios (`*.screen.js` beside this file) in one process, so
 * they share one system and one Chromium (support/staff-web.ts) instead of
 * starting one each; every scenario still has browser contexts and data of its
 * own. One screen alone: `node dist/tools/run-tests.js dist/apps/staff-web/e2e/gate.screen.js`.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const screens = (await readdir(here)).filter((f) => f.endsWith('.screen.js')).sort();
if (screens.length === 0) throw new Error(`no *.screen.js in ${here}`);
for (const file of screens) await import(pathToFileURL(path.join(here, file)).href);

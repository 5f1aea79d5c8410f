// Empties dist/ before the server build, so a deleted source's compiled copy
// (a removed test above all) can never run again. The web client's build
// (dist/staff-web) is left to `vite build`, which empties it itself.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const KEEP = new Set(['staff-web']);
let entries = [];
try {
  entries = readdirSync(dist);
} catch {
  // no dist/ yet
}
for (const entry of entries) {
  if (!KEEP.has(entry)) rmSync(path.join(dist, entry), { recursive: true, force: true });
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, from the compiled file's place in dist/tools/. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

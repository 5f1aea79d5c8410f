import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

async function fileAt(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null; // a malformed %-escape names no file
  }
  const resolved = path.resolve(root, `.${decoded}`);
  // Never serve anything outside the root, whatever ../ the path holds.
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return null;
  try {
    const info = await stat(resolved);
    if (info.isFile()) return resolved;
    if (info.isDirectory()) return fileAt(root, path.posix.join(decoded, 'index.html'));
  } catch {
    // not there
  }
  return null;
}

/**
 * Serves a folder of built assets; with `spaFallback`, unknown paths get
 * index.html so the client-side router can take them.
 */
export async function serveStatic(
  root: string,
  prefix: string,
  req: IncomingMessage,
  res: ServerResponse,
  spaFallback: boolean,
): Promise<boolean> {
  const urlPath = (req.url ?? '/').slice(prefix.length) || '/';
  let file = await fileAt(root, urlPath.startsWith('/') ? urlPath : `/${urlPath}`);
  if (!file && spaFallback) file = await fileAt(root, '/index.html');
  if (!file) return false;
  const hashed = /\/assets\//.test(file);
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  // A read failure or a client gone mid-file rejects here, into the caller's catch.
  await pipeline(createReadStream(file), res);
  return true;
}

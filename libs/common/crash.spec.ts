import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';

const modules = (name: string) => new URL(name, import.meta.url).href;

/** Runs a process that installs logCrashes, then fails as `failure` says. */
async function crash(
  failure: string,
): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const script = `
    import { logCrashes } from '${modules('./crash.js')}';
    import { createLogger } from '${modules('./logger.js')}';
    logCrashes(createLogger('crashing'));
    ${failure}
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const lines = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, lines };
}

describe('a crash', () => {
  it('logs an unhandled rejection with its error before the process exits', async () => {
    const { code, lines } = await crash(
      `Promise.reject(new Error('the database went away mid-request'));`,
    );
    assert.equal(code, 1);
    const fatal = lines.find((l) => l.level === 60);
    assert.ok(fatal, JSON.stringify(lines));
    assert.equal(fatal.kind, 'unhandledRejection');
    assert.equal((fatal.err as { message: string }).message, 'the database went away mid-request');
    assert.match((fatal.err as { stack: string }).stack, /Error: the database went away/);
  });

  it('logs an uncaught exception with its error before the process exits', async () => {
    const { code, lines } = await crash(
      `setImmediate(() => { throw new TypeError('no such field'); });`,
    );
    assert.equal(code, 1);
    const fatal = lines.find((l) => l.level === 60);
    assert.ok(fatal, JSON.stringify(lines));
    assert.equal(fatal.kind, 'uncaughtException');
    assert.equal((fatal.err as { type: string }).type, 'TypeError');
  });
});

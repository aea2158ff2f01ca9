import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startOpsdeskProcess } from '../../../../bench/opsdeskProcess.js';
import { freePort } from '../../../../testing/freePort.js';
import type { TestApp } from '../../../../testing/testApp.js';
import type { JobServer } from '../../../jobs/testing/jobServerProcess.js';

const START_BOUND_MS = 120_000;

/**
 * A real Opsdesk server process (as jobServerProcess.ts) on a test app's database that
 * talks to the test app's own Stripe emulator, as to an account's Stripe: the customer the
 * test made is the one the server deletes, and the test reads the emulator's events to
 * count the deletions. Its job engine runs the erasure; `kill()` is kill -9 of its group.
 */
export async function startErasureServer(app: TestApp, name: string): Promise<JobServer> {
  const emulator = app.billing.emulator!;
  const dataDir = mkdtempSync(path.join(tmpdir(), `opsdesk-erasure-${name}-`));
  const server = startOpsdeskProcess({
    port: await freePort(),
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: app.database.url,
      LOG_LEVEL: 'warn',
      STRIPE_SECRET_KEY: emulator.apiKey,
      STRIPE_API_BASE: emulator.url,
      STRIPE_WEBHOOK_SECRET: app.deps.stripeWebhookSecret,
      SEED_DEMO_STAFF: 'false',
      OPSDESK_DATA_DIR: dataDir,
      AUDIT_ANCHOR_FILE: app.deps.config.auditAnchorFile,
      JOBS_CONCURRENCY: '4',
    },
  });
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    await server.waitForLine(/Opsdesk is running at/, { timeoutMs: START_BOUND_MS });
  } catch (error) {
    await server.stop();
    cleanUp();
    throw new Error(`server ${name} did not start: ${(error as Error).message}\n${server.recentOutput()}`);
  }
  return {
    process: server,
    async kill() {
      process.kill(-server.pid, 'SIGKILL');
      for (const deadline = Date.now() + 10_000; server.exitCode() === undefined && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
      cleanUp();
    },
    async stop() {
      await server.stop();
      cleanUp();
    },
  };
}

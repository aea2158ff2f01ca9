import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startOpsdeskProcess, type OpsdeskProcess } from '../../../bench/opsdeskProcess.js';
import { freePort } from '../../../testing/freePort.js';

/**
 * A real Opsdesk server process (`tsx server/src/main.ts`) on a given database, for the
 * crash and two-process tests: it starts its own job engine as in production. `kill()`
 * is kill -9 of its whole process group (tsx and node): no shutdown code runs.
 */
export interface JobServer {
  process: OpsdeskProcess;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const START_BOUND_MS = 120_000;

/** `env` adds or overrides settings (e.g. a Stripe the test controls instead of the server's own emulator). */
export async function startJobServer(databaseUrl: string, name: string, env: Record<string, string> = {}): Promise<JobServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `opsdesk-jobs-${name}-`));
  const server = startOpsdeskProcess({
    port: await freePort(),
    env: { NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', STRIPE_EMULATOR_PORT: '0', SEED_DEMO_STAFF: 'false', OPSDESK_DATA_DIR: dataDir, JOBS_CONCURRENCY: '4', ...env },
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
      // Ended once its exit is known (the exit event follows the signal).
      for (const deadline = Date.now() + 10_000; server.exitCode() === undefined && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
      cleanUp();
    },
    async stop() {
      await server.stop();
      cleanUp();
    },
  };
}

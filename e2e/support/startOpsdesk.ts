import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './freePort';
import { createTestDatabase } from './testDatabase';

/**
 * Starts a real Opsdesk server (`node --import tsx server/src/main.ts`) on a fresh database and a free
 * port, exactly as a person would, and stops it and drops the database afterwards.
 * Used by globalSetup for the shared server and by tests that need other settings.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningOpsdesk {
  baseURL: string;
  /** Its own database, for a test that must break something on the server for real. */
  databaseUrl: string;
  stop: () => Promise<void>;
}

export async function startOpsdesk(options: { adminDatabaseUrl: string; name: string; env?: Record<string, string> }): Promise<RunningOpsdesk> {
  const database = await createTestDatabase(options.adminDatabaseUrl);
  const port = await freePort();
  const logDir = path.join(REPO_ROOT, 'e2e/test-results/servers');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(path.join(logDir, `${options.name}-${port}.log`));
  const dataDir = path.join(logDir, `${options.name}-${port}-data`);
  // node with tsx's loader (as `npm start` runs it), not the tsx command, whose wrapper process kills a child that is slow to acknowledge a signal.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    // Own process group, so stopping also ends whatever the server started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO_STAFF: 'true',
      // Lets a test choose its client IP with X-Forwarded-For (lock-out tests), from loopback only.
      TRUST_PROXY: 'loopback',
      // A run may serve its own build (helpers building side by side); web/dist by default.
      WEB_DIST_DIR: process.env.OPSDESK_E2E_WEB_DIST_DIR ?? path.join(REPO_ROOT, 'web/dist'),
      LOG_LEVEL: 'warn',
      // Several servers may run at once: each gets its own emulator on a free port.
      STRIPE_EMULATOR_PORT: '0',
      // With REDIS_URL set (CI), rate-limit counters outlive a run: each server gets its own.
      REDIS_KEY_PREFIX: `opsdesk-e2e-${options.name}-${port}-${Date.now().toString(36)}`,
      // A small demo company keeps start-up to seconds; tests that need customers find them.
      DEMO_COMPANY_USERS: '200',
      // The tests drive the console at machine speed from one address, which no person does:
      // the staff API's limit (600 a minute per member) is proven by server tests instead.
      RATE_LIMIT_STAFF_API: '100000/60',
      // Its own data folder (emulator state, audit anchors), removed when it stops: never the developer's demo.
      OPSDESK_DATA_DIR: dataDir,
      ...options.env,
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    log.end();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForListening(child);
    const ready = await fetch(`${baseURL}/readyz`);
    if (!ready.ok) throw new Error(`/readyz answered ${ready.status}: ${await ready.text()}`);
  } catch (error) {
    await stop();
    throw new Error(`Opsdesk server "${options.name}" did not start (log in e2e/test-results/servers): ${(error as Error).message}`);
  }
  return { baseURL, databaseUrl: database.url, stop };
}

/** main.ts prints "Opsdesk is running at …" once it listens (migrations and seed done). */
function waitForListening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out after 90 s')), 90_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}`));
    };
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4000);
      if (seen.includes('Opsdesk is running at')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    });
    child.once('exit', onExit);
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const forced = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(forced);
}

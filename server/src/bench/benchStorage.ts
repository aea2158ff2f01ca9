import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embeddedPostgres.js';
import { freePort } from '../testing/freePort.js';
import { withClient } from './benchRun.js';
import { REPO_ROOT } from './opsdeskProcess.js';

/**
 * Where the capacity bench's Opsdesk keeps its data, made fresh for one run and removed
 * after it: a new database `opsdesk_bench_<random>` on DATABASE_URL's server, or (no
 * DATABASE_URL) a new data folder for the server's own embedded PostgreSQL. The folder
 * sits under the repository, not /tmp: as root, the embedded PostgreSQL runs as another
 * OS user, which must be able to reach it. It also takes the files a server writes
 * beside its data (audit anchors, emulator state) in both modes.
 */
export interface BenchStorage {
  label: string;
  /** Environment for the Opsdesk server process. */
  serverEnv: Record<string, string | undefined>;
  /** For the bench's own connections (samples, pool sampling); the server creates it in embedded mode. */
  databaseUrl: string;
  /** Waits until an embedded PostgreSQL left by a stopped server has ended (before a restart and before removal). */
  waitForEmbeddedShutdown(): Promise<void>;
  /** Drops the database or removes the folder. Call after the server has stopped; safe to call twice. */
  remove(): Promise<void>;
}

export async function createBenchStorage(adminUrl: string | undefined): Promise<BenchStorage> {
  const id = randomBytes(4).toString('hex');
  const dataDir = path.join(REPO_ROOT, `.opsdesk-bench-${id}`);
  mkdirSync(dataDir, { recursive: true });
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });

  if (adminUrl) {
    const name = `opsdesk_bench_${id}`;
    try {
      await withClient(adminUrl, (client) => client.query(`create database ${name}`));
    } catch (error) {
      removeDir();
      throw new Error(`could not create database ${name} on DATABASE_URL's server: ${(error as Error).message}`);
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    let removed = false;
    return {
      label: `PostgreSQL at ${url.host} (database ${name})`,
      serverEnv: { DATABASE_URL: url.toString(), OPSDESK_DATA_DIR: dataDir },
      databaseUrl: url.toString(),
      waitForEmbeddedShutdown: async () => undefined,
      async remove() {
        if (removed) return;
        removed = true;
        removeDir();
        await withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
      },
    };
  }

  const port = await freePort();
  const pgData = path.join(dataDir, 'pgdata');
  return {
    label: `embedded PostgreSQL (data in ${path.relative(REPO_ROOT, dataDir)}, port ${port})`,
    // DATABASE_URL is unset on purpose: main.ts then starts the embedded PostgreSQL itself.
    serverEnv: { DATABASE_URL: undefined, OPSDESK_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port}/opsdesk`,
    waitForEmbeddedShutdown: () => waitForPostmasterExit(pgData),
    async remove() {
      await waitForPostmasterExit(pgData);
      removeDir();
    },
  };
}

/**
 * For a bench that talks to the database itself (no Opsdesk server process): the same
 * fresh storage, with the embedded PostgreSQL started here when there is no DATABASE_URL.
 */
export async function openBenchDatabase(adminUrl: string | undefined): Promise<{ label: string; url: string; drop: () => Promise<void> }> {
  const storage = await createBenchStorage(adminUrl);
  if (adminUrl) return { label: storage.label, url: storage.databaseUrl, drop: () => storage.remove() };
  const url = new URL(storage.databaseUrl);
  try {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(storage.serverEnv.OPSDESK_DATA_DIR!, 'pgdata'),
      port: Number(url.port),
      database: url.pathname.slice(1),
    });
    return { label: storage.label, url: embedded.url, drop: async () => (await embedded.stop(), await storage.remove()) };
  } catch (error) {
    await storage.remove();
    throw error;
  }
}

/** PostgreSQL writes its pid first in postmaster.pid; it is gone once that process is. */
async function waitForPostmasterExit(pgData: string): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  await waitWhileAlive(pid, 15_000);
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGKILL');
  await waitWhileAlive(pid, 5_000);
}

async function waitWhileAlive(pid: number, timeoutMs: number): Promise<void> {
  for (let waited = 0; isAlive(pid) && waited < timeoutMs; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
}

function isAlive(pid: number): boolean {
  try {
    return process.kill(pid, 0);
  } catch {
    return false;
  }
}


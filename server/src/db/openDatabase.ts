import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config/config.js';
import { createDatabase, type DatabaseOptions, type Db } from './database.js';
import { startEmbeddedPostgres } from './embeddedPostgres.js';
import { migrateToLatest } from './migrate.js';

export interface OpenedDatabase {
  db: Db;
  url: string;
  embedded: boolean;
  close: () => Promise<void>;
}

/** DATABASE_URL when given; otherwise the embedded PostgreSQL under OPSDESK_DATA_DIR. Migrated either way. */
export async function openDatabase(config: Config, log: (message: string) => void): Promise<OpenedDatabase> {
  if (config.DATABASE_URL) return open(config, config.DATABASE_URL, { embedded: false }, log);
  const running = embeddedUrl(config);
  // Another Opsdesk process (the server, or the staff CLI beside it) may already run it.
  if (await answers(running)) return open(config, running, { embedded: true }, log);
  log(`Starting embedded PostgreSQL (data in ${path.resolve(config.OPSDESK_DATA_DIR, 'pgdata')})…`);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(config.OPSDESK_DATA_DIR, 'pgdata'), port: config.EMBEDDED_PG_PORT, database: 'opsdesk' });
  return open(config, embedded.url, { embedded: true, stop: embedded.stop }, log);
}

async function open(config: Config, url: string, server: { embedded: boolean; stop?: () => Promise<void> }, log: (message: string) => void): Promise<OpenedDatabase> {
  // Migrations get a connection of their own without the request timeouts: an index
  // build on a big table may rightly take minutes.
  const migrator = createDatabase(url, { max: 1, acquireTimeoutMs: 0 });
  try {
    const applied = await migrateToLatest(migrator);
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  } finally {
    await migrator.destroy();
  }
  const db = createDatabase(url, { ...poolOptions(config), onConnectionError: (error) => log(`database connection closed: ${error.message}`) });
  return {
    db,
    url,
    embedded: server.embedded,
    close: async () => {
      await db.destroy();
      await server.stop?.();
    },
  };
}

/** The pool a server (or CLI) gets from its configuration. */
export function poolOptions(config: Config): DatabaseOptions {
  return {
    max: config.DB_POOL_MAX,
    acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

function embeddedUrl(config: Config): string {
  return `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_PG_PORT}/opsdesk`;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

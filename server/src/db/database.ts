import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Query functions take either; a transaction composes because nothing reaches for a global. */
export type DbOrTrx = Db | Trx;

export interface DatabaseOptions {
  /** Connections in the pool. */
  max?: number;
  /**
   * How long a query waits for a free connection (or a new one to open) before it fails
   * (trpc/translateErrors.ts answers 503 with Retry-After); 0 waits forever.
   */
  acquireTimeoutMs?: number;
  /** Server-side statement_timeout on every connection (0: none). */
  statementTimeoutMs?: number;
  /** Server-side idle_in_transaction_session_timeout on every connection (0: none). */
  idleInTransactionTimeoutMs?: number;
  onConnectionError?: (error: Error) => void;
}

export interface PoolStats {
  max: number;
  /** Open connections, busy or idle. */
  total: number;
  idle: number;
  /** Queries queued for a connection. */
  waiting: number;
}

const pools = new WeakMap<Db, { pool: pg.Pool; max: number; connectionString: string }>();

/**
 * The pool behind every query. The defaults suit tests and CLIs; the server passes its
 * configuration (openDatabase.ts). A bounded acquire wait and the two server-side
 * timeouts mean no request can hold or wait for a connection indefinitely.
 * int8 (bigint) columns arrive as strings so ids beyond 2^53 stay exact.
 */
export function createDatabase(connectionString: string, options: DatabaseOptions = {}): Db {
  const max = options.max ?? 10;
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs || undefined,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs || undefined,
    application_name: 'opsdesk',
  });
  // A connection killed by the server (restart, failover, DROP DATABASE, or the
  // idle-in-transaction timeout) must not crash the process. Idle, the pool discards it
  // (and re-emits the error here); checked out, the client's own listener (below, on
  // every client) catches it and the next query on it fails. Reported once, there.
  pool.on('error', () => undefined);
  const guarded = new WeakSet<pg.PoolClient>();
  const connect = async () => {
    const client = await pool.connect();
    if (!guarded.has(client)) {
      guarded.add(client);
      client.on('error', (error) => options.onConnectionError?.(error));
    }
    return client;
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect, end: () => pool.end() } }),
    plugins: [new CamelCasePlugin()],
  });
  pools.set(db, { pool, max, connectionString });
  return db;
}

/** How busy the pool is, for /readyz and metrics; null for a handle not made here. */
export function poolStats(db: Db): PoolStats | null {
  const entry = pools.get(db);
  if (!entry) return null;
  const { pool, max } = entry;
  return { max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

/**
 * The URL this handle connects with (secrets included: never log it), for tools that need
 * their own connection to the same database (pg_dump); null for a handle not made here.
 */
export function connectionStringOf(db: Db): string | null {
  return pools.get(db)?.connectionString ?? null;
}

/** Every connection busy and queries queued behind them. */
export function isPoolExhausted(stats: PoolStats): boolean {
  return stats.waiting > 0 && stats.idle === 0 && stats.total >= stats.max;
}

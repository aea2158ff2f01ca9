import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Query functions take either; a transaction composes because nothing reaches for a global. */
export type DbOrTrx = Db | Trx;

// int8 (bigint) columns arrive as strings so ids beyond 2^53 stay exact.
export function createDatabase(connectionString: string, options: { max?: number; onIdleClientError?: (error: Error) => void } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: 'opsdesk' });
  // An idle connection killed by the server (restart, failover, DROP DATABASE) must not
  // crash the process: the pool discards it and opens a new one on the next query.
  pool.on('error', (error) => options.onIdleClientError?.(error));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

import { CamelCasePlugin, Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';

/**
 * A database handle like the server's (camel-case columns) that also keeps every query it
 * sends, with its parameters: plan tests run the real query function, then EXPLAIN
 * exactly what it sent. `captured` is the caller's array; empty it before each run.
 */
export function capturingDatabase(url: string, max: number, captured: CompiledQuery[]): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server ends (a test's DROP DATABASE … WITH (FORCE), a restart) would
  // otherwise be an uncaught error that fails the whole run: the pool drops it, as the server's does.
  pool.on('error', () => undefined);
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (event) => void (event.level === 'query' && captured.push(event.query)),
  });
}

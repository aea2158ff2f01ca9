import { CamelCasePlugin, Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';

/**
 * A database handle like the server's (camel-case columns) that also keeps every query it
 * sends, with its parameters: plan tests run the real query function, then EXPLAIN
 * exactly what it sent. `captured` is the caller's array; empty it before each run.
 */
export function capturingDatabase(url: string, max: number, captured: CompiledQuery[]): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max }) }),
    plugins: [new CamelCasePlugin()],
    log: (event) => void (event.level === 'query' && captured.push(event.query)),
  });
}

import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * Why: the incremental refresh writes with one statement of some thirty CTEs, which
 * PostgreSQL takes longer to parse and plan (several ms) than to run for one customer.
 * A plpgsql function plans its statements once per connection and keeps the plan, so
 * the statement runs as a function in the connection's temporary schema (`pg_temp`,
 * private to the connection, gone with it), created the first time the connection
 * needs it. Its name is a hash of the statement's text, so a changed statement gets a
 * new function. The plan is generic (no parameter values): nested loops over the
 * touched keys' indexes, which suits every webhook batch; a rebuild's batches of
 * thousands of customers run the statement directly, planned for their size. JIT is
 * off inside it: the planner's guesses about thirty CTEs pass `jit_above_cost` and
 * compiling took longer than running.
 *
 * Every parameter must carry a cast in the text (`${value}::text[]`): it gives the
 * function's argument types.
 */
export interface CachedStatement {
  /** `pg_temp.<name>`: what lockRevenueWrites looks up to know whether this connection has it. */
  name: string;
  create: RawBuilder<unknown>;
  call: RawBuilder<unknown>;
}

const CAST = /\$(\d+)::([a-z]+(?:\[\])?)/g;

/** `ctes` is the text after `with`, ending in the CTE list; the statement is `with <ctes> select 1`. */
export function cachedStatement(db: DbOrTrx, ctes: RawBuilder<unknown>): CachedStatement {
  const compiled = sql`with ${ctes} select 1`.compile(db);
  const types: string[] = [];
  for (const [, index, type] of compiled.sql.matchAll(CAST)) types[Number(index) - 1] ??= type!;
  if (types.length !== compiled.parameters.length || types.includes(undefined as never)) throw new Error('cachedStatement: every parameter needs a cast');
  const name = `revenue_${createHash('sha256').update(compiled.sql).digest('hex').slice(0, 24)}`;
  // plpgsql wants somewhere to put the final select's row.
  const body = `declare done integer; begin ${compiled.sql} into done; end`;
  const quote = `$fn_${name}$`;
  return {
    name,
    create: sql.raw(`create function pg_temp.${name}(${types.join(', ')}) returns void language plpgsql set plan_cache_mode = force_generic_plan set jit = off as ${quote}${body}${quote}`),
    call: sql`select ${sql.raw(`pg_temp.${name}`)}(${sql.join(compiled.parameters.map((value, i) => sql`${value}::${sql.raw(types[i]!)}`))})`,
  };
}

/** Runs the statement through its function, creating the function first when this connection lacks it. */
export async function executeCached(db: DbOrTrx, statement: CachedStatement, existsOnConnection: boolean): Promise<void> {
  if (!existsOnConnection) await statement.create.execute(db);
  await statement.call.execute(db);
}

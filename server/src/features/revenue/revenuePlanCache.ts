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
  // plpgsql wants somewhere to put the final select's row.
  return cachedFunction(db, sql`with ${ctes} select 1`, 'void', (text) => `declare done integer; begin ${text} into done; end`);
}

/**
 * A query returning one json value per row (its rows as the function's), the same way;
 * `call` gives rows with one column, `row`.
 */
export function cachedQuery(db: DbOrTrx, query: RawBuilder<unknown>): CachedStatement {
  const statement = cachedFunction(db, query, 'setof json', (text) => `begin return query ${text}; end`);
  return { ...statement, call: sql`select * from (${statement.call}) as called(row)` };
}

function cachedFunction(db: DbOrTrx, query: RawBuilder<unknown>, returns: string, body: (text: string) => string): CachedStatement {
  const compiled = query.compile(db);
  const types: string[] = [];
  for (const [, index, type] of compiled.sql.matchAll(CAST)) types[Number(index) - 1] ??= type!;
  if (types.length !== compiled.parameters.length || types.includes(undefined as never)) throw new Error('cachedStatement: every parameter needs a cast');
  const name = `revenue_${createHash('sha256').update(compiled.sql).digest('hex').slice(0, 24)}`;
  const quote = `$fn_${name}$`;
  return {
    name,
    create: sql.raw(`create function pg_temp.${name}(${types.join(', ')}) returns ${returns} language plpgsql set plan_cache_mode = force_generic_plan set jit = off as ${quote}${body(compiled.sql)}${quote}`),
    call: sql`select ${sql.raw(`pg_temp.${name}`)}(${sql.join(compiled.parameters.map((value, i) => sql`${value}::${sql.raw(types[i]!)}`))})`,
  };
}

/** Runs the statement through its function, creating the function first when this connection lacks it. */
export async function executeCached<R = unknown>(db: DbOrTrx, statement: CachedStatement, existsOnConnection: boolean): Promise<R[]> {
  if (!existsOnConnection) await statement.create.execute(db);
  return (await statement.call.execute(db)).rows as R[];
}

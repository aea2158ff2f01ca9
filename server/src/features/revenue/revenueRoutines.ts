import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * Why: the incremental refresh runs in every webhook batch's transaction, and for one
 * customer its statements cost more to parse, plan and send than to run (a write of some
 * thirty CTEs, a read of the history with the stored rows). Each runs as a plpgsql
 * function of the `revenue` schema — plpgsql plans a function's statements once per
 * connection and keeps the plan — installed by `migrateToLatest` after the migrations
 * (installRevenueRoutines), so a call needs no look-up of whether it exists and no
 * statement text built per call: Node only sends the arguments.
 *
 * The function's name is a hash of its body, so changed code installs a new function
 * beside the old one (a server of the previous version, still running during a rolling
 * deploy, keeps calling its own; installRoutines keeps the newest older version); nothing
 * is ever replaced under a caller. The plan is
 * generic (no parameter values): nested loops over the touched keys' indexes, which
 * suits every webhook batch; a rebuild's batches of thousands of customers run the
 * statement directly, planned for their size.
 *
 * A routine's statement is written once, as a function of named arguments
 * (`(args) => sql…${args.ids}::text[]…`); every interpolated argument carries a cast,
 * which gives the function's parameter types. Defining the routine compiles the
 * statement with a placeholder per argument, so the call knows which argument goes to
 * which position. Where the product schema decides the text (the owner's country,
 * revenueRows.queries.ts `newDimensions`), both texts are in the body, chosen when the
 * call runs; they take the same arguments.
 */
export interface Routine<A> {
  /** `revenue.<kind>_<hash>` */
  name: string;
  create: RawBuilder<unknown>;
  /**
   * The call's statement; with `returns: 'setof json'`, rows of one column, `row`, the
   * JSON's text: parsed by the caller, so the query builder's camelCase plugin does not
   * walk every nested key of a customer's history (its keys are camelCase already).
   */
  call: (args: A) => RawBuilder<unknown>;
}

export interface RoutineDefinition<A> {
  kind: string;
  /** The statement with and without the product schema (`app.workspaces`) there. */
  statement: (args: A, hasProductSchema: boolean) => RawBuilder<unknown>;
  returns: 'void' | 'setof json';
  /** plpgsql run before the statement (for the read: the mirror's write lock, JIT off for the transaction). */
  prelude?: string;
  /** plpgsql returning rows before the statement's (for the read: the settings). */
  firstRow?: string;
}

const CAST = /\$(\d+)::([a-z]+(?:\[\])?)/g;
const HAS_PRODUCT_SCHEMA = `to_regclass('app.workspaces') is not null`;

class Placeholder {
  constructor(readonly key: string) {}
}

interface Compiled {
  text: string;
  keys: string[];
  types: string[];
}

function compileWithPlaceholders<A>(db: DbOrTrx, statement: (args: A) => RawBuilder<unknown>): Compiled {
  const args = new Proxy({}, { get: (_, key) => new Placeholder(String(key)) }) as A;
  const compiled = statement(args).compile(db as Kysely<any>);
  const types: string[] = [];
  for (const [, index, type] of compiled.sql.matchAll(CAST)) types[Number(index) - 1] ??= type!;
  const keys = compiled.parameters.map((value) => {
    if (!(value instanceof Placeholder)) throw new Error('a routine takes every value from its arguments');
    return value.key;
  });
  if (types.length !== keys.length || types.includes(undefined as never)) throw new Error('a routine needs a cast on every argument');
  return { text: compiled.sql, keys, types };
}

const defined = new Map<RoutineDefinition<never>, Routine<never>>();

/** The routine of `definition` (compiled on first use, then kept: the text never changes while the process runs). */
export function routine<A>(db: DbOrTrx, definition: RoutineDefinition<A>): Routine<A> {
  const known = defined.get(definition as RoutineDefinition<never>);
  if (known) return known as Routine<A>;
  const withProduct = compileWithPlaceholders<A>(db, (args) => definition.statement(args, true));
  const without = compileWithPlaceholders<A>(db, (args) => definition.statement(args, false));
  if (withProduct.keys.join() !== without.keys.join() || withProduct.types.join() !== without.types.join()) {
    throw new Error(`routine ${definition.kind}: both texts must take the same arguments`);
  }
  const run = (text: string) => (definition.returns === 'void' ? `${text} into done;` : `return query ${text};`);
  const body = [
    definition.returns === 'void' ? 'declare done integer;' : '',
    'begin',
    definition.prelude ?? '',
    definition.firstRow ? `return query ${definition.firstRow};` : '',
    `if ${HAS_PRODUCT_SCHEMA} then ${run(withProduct.text)} else ${run(without.text)} end if;`,
    'end',
  ].join('\n');
  const name = `revenue.${definition.kind}_${createHash('sha256').update(`${withProduct.types.join()}\n${definition.returns}\n${body}`).digest('hex').slice(0, 20)}`;
  const quote = `$routine$`;
  if (body.includes(quote)) throw new Error(`routine ${definition.kind}: the body may not contain ${quote}`);
  const { keys, types } = withProduct;
  const made: Routine<A> = {
    name,
    create: sql.raw(`create function ${name}(${types.join(', ')}) returns ${definition.returns} language plpgsql
      set plan_cache_mode = force_generic_plan as ${quote}${body}${quote}`),
    call: (args) => {
      const values = keys.map((key, i) => sql`${(args as Record<string, unknown>)[key]}::${sql.raw(types[i]!)}`);
      const called = sql`${sql.raw(name)}(${sql.join(values)})`;
      return definition.returns === 'void' ? sql`select ${called}` : sql`select called.row::text as row from ${called} as called(row)`;
    },
  };
  defined.set(definition as RoutineDefinition<never>, made as Routine<never>);
  return made;
}

/**
 * Creates the routines this database lacks. One that exists already has the same text
 * (its name is the text's hash) and is left alone: replacing it would make every
 * connection of every running server plan it again. Of older versions of each kind, the
 * newest one stays (a server of the previous version may still be running during a
 * rolling deploy) and the rest are dropped, so deploys do not pile functions up.
 */
export async function installRoutines(db: DbOrTrx, definitions: readonly RoutineDefinition<never>[]): Promise<void> {
  for (const definition of definitions) {
    const made = routine(db, definition);
    const { rows } = await sql<{ name: string; signature: string }>`
      select n.nspname || '.' || p.proname as name, p.oid::regprocedure::text as signature
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'revenue' and p.proname ~ ${`^${definition.kind}_[0-9a-f]{20}$`} order by p.oid desc`.execute(db);
    if (!rows.some((row) => row.name === made.name)) await made.create.execute(db);
    const older = rows.filter((row) => row.name !== made.name);
    for (const stale of older.slice(1)) await sql`drop function if exists ${sql.raw(stale.signature)}`.execute(db);
  }
}

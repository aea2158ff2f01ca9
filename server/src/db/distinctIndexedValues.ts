import { sql } from 'kysely';
import type { DbOrTrx } from './database.js';

/**
 * The distinct values of a column that leads a b-tree index, in order, by a loose index
 * scan: one index probe per value. `select distinct` reads every row instead (PostgreSQL
 * has no skip scan for it) — 13 ms over a week of scheduled jobs, against 0.3 ms this way.
 * `table` and `column` are identifiers written in the code, never input.
 */
export async function distinctIndexedValues(db: DbOrTrx, table: string, column: string, limit: number): Promise<string[]> {
  const from = sql.table(table);
  const value = sql.ref(column);
  const { rows } = await sql<{ value: string }>`
    with recursive seen(value) as (
      (select ${value} from ${from} order by ${value} limit 1)
      union all
      select (select ${value} from ${from} where ${value} > seen.value order by ${value} limit 1) from seen where seen.value is not null
    )
    select value from seen where value is not null limit ${limit}`.execute(db);
  return rows.map((row) => row.value);
}

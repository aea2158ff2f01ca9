import { CompiledQuery } from 'kysely';
import type { DbOrTrx } from '../../../db/database.js';

/**
 * Runs hand-written, parameterised SQL on a database or transaction. For the webhook
 * batch's hot statements (many rows, every few hundred milliseconds) building the query
 * with Kysely's builder cost more than the statement itself; the text here is fixed or
 * built from column names the code controls, and every value is a parameter. Result
 * keys still pass the CamelCasePlugin (`as_of` arrives as `asOf`).
 */
export async function runSql<R>(db: DbOrTrx, text: string, values: readonly unknown[] = []): Promise<R[]> {
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, [...values]));
  return result.rows;
}

/**
 * The VALUES list for `rows` rows of `width` parameters each; `row` shapes one row from
 * its placeholders (casts, constants): `valueRows(2, 2, (p) => `(${p[0]}, ${p[1]}::jsonb)`)`.
 */
export function valueRows(rows: number, width: number, row: (placeholders: string[]) => string = (p) => `(${p.join(', ')})`): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) out.push(row(Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`)));
  return out.join(', ');
}

/** camelCase → snake_case, as the CamelCasePlugin maps column names. */
export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

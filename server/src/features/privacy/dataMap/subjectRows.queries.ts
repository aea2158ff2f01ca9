import { sql, type RawBuilder } from 'kysely';
import type { TErasurePlanStep } from '@opsdesk/shared';
import type { DbOrTrx, Trx } from '../../../db/database.js';
import { APPEND_ONLY_TRIGGERS, DEFAULT_DATA_MAP_SETTINGS, erasureTables, findMappedTable, retentionOf } from './dataMap.js';
import type { DataMapSettings, ErasureSubject, MaskingKey, TDataMapTable } from './dataMap.types.js';
import { maskedIdentifier } from './masking.js';
import { ident, keyList, maskedColumns, maskSql, subjectCondition } from './subjectSql.js';

export { EXPORT_TABLES } from './dataMap.js';
export { keyedHash, maskingKeyFromConfig } from './masking.js';
export type { ErasureSubject, MaskingKey } from './dataMap.types.js';

/**
 * The data map's per-table operations on one subject's rows (docs/gdpr.md "The data
 * map"): the plan's counts, the erasure of one table, and the export's pages. Queries run
 * without the CamelCasePlugin: rows keep their column names and Stripe JSON keeps its keys.
 */

/** Rows per statement: big enough that 100,000 rows are a few statements, small enough to keep each one short. */
const BATCH = 10_000;

function raw(db: DbOrTrx) {
  return db.withoutPlugins();
}

/** `schema.table` of every table and view in the three schemas (a company's product may lack optional tables). */
async function existingTables(db: DbOrTrx): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`
    select table_schema || '.' || table_name as name from information_schema.tables
    where table_schema in ('app', 'billing', 'ops')`.execute(raw(db));
  return new Set(rows.map((r) => r.name));
}

function mappedTable(table: string): TDataMapTable {
  const mapped = findMappedTable(table);
  if (!mapped) throw new Error(`${table} is not in the data map`);
  if (mapped.table === 'ops.audit_log') throw new Error('ops.audit_log is erased by shredding its subject keys (features/audit/auditSubjects.ts)');
  return mapped;
}

async function countRows(db: DbOrTrx, table: TDataMapTable, where: RawBuilder<boolean>): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${ident(table.table)} where ${where}`.execute(raw(db));
  return Number(rows[0]!.n);
}

/**
 * One step per mapped table holding rows of the subject, in erasure order (ops.audit_log
 * is not here: the erasure adds it from the audit helper's count). `settings` gives the
 * retention periods in words (PRIVACY_INVOICE_RETENTION_YEARS; 10 years when omitted).
 */
export async function countSubjectRows(db: DbOrTrx, subject: ErasureSubject, settings: DataMapSettings = DEFAULT_DATA_MAP_SETTINGS): Promise<TErasurePlanStep[]> {
  const existing = await existingTables(db);
  const steps: TErasurePlanStep[] = [];
  for (const table of erasureTables()) {
    const where = existing.has(table.table) ? subjectCondition(table, subject) : null;
    if (!where || table.erasure.action === 'not_linked') continue;
    const rows = await countRows(db, table, where);
    if (rows === 0) continue;
    const { action } = table.erasure;
    steps.push({
      table: table.table,
      action,
      rows,
      columns: action === 'delete' ? [] : maskedColumns(table).map(({ column, mask }) => ({ column, strategy: mask.strategy })),
      basis: table.erasure.action === 'keep' ? table.erasure.basis : null,
      retention: retentionOf(table, settings),
    });
  }
  return steps;
}

/**
 * Applies the table's strategy to the subject's rows, in batches: delete them, or mask
 * their personal columns (mask and keep). Idempotent: a masked row no longer matches the
 * "still needs masking" condition, a deleted one is gone; a second run changes nothing
 * (it returns 0 for deleted rows, the same count for rows kept masked). Only rows the
 * subject's links reach are touched. Returns the rows deleted, or the rows of the subject
 * the table keeps masked (what the plan counted).
 */
export async function eraseSubjectRows(trx: Trx, table: string, subject: ErasureSubject, masking: MaskingKey): Promise<{ rows: number }> {
  const mapped = mappedTable(table);
  if (!(await isPresent(trx, mapped))) return { rows: 0 };
  const where = subjectCondition(mapped, subject);
  if (!where || mapped.erasure.action === 'not_linked') return { rows: 0 };
  const db = raw(trx);
  const name = ident(mapped.table);
  const keys = keyList(mapped);

  if (mapped.erasure.action === 'delete') {
    let deleted = 0;
    for (;;) {
      const result = await sql`delete from ${name} where (${keys}) in (select ${keys} from ${name} where ${where} limit ${BATCH})`.execute(db);
      const n = Number(result.numAffectedRows ?? 0);
      deleted += n;
      if (n < BATCH) return { rows: deleted };
    }
  }

  const rows = await countRows(trx, mapped, where);
  const columns = maskedColumns(mapped);
  if (columns.length === 0) return { rows };
  const hashes = await keyedHashes(trx, mapped, where, masking);
  const masks = columns.map(({ column, mask }) => ({ column, ...maskSql(column, mask, hashes.get(column) ?? {}) }));
  const needs = sql<boolean>`(${sql.join(
    masks.map((m) => m.needs),
    sql` or `,
  )})`;
  const sets = sql.join(masks.map((m) => sql`${ident(m.column)} = ${m.set}`));
  const trigger = APPEND_ONLY_TRIGGERS[mapped.table];
  if (trigger) {
    const { rows: pending } = await sql<{ any: boolean }>`select exists (select 1 from ${name} where ${where} and ${needs}) as any`.execute(db);
    if (!pending[0]!.any) return { rows };
    // The erasure is the one sanctioned rewrite of this append-only table, inside its own transaction.
    await sql`alter table ${name} disable trigger ${ident(trigger)}`.execute(db);
  }
  // Batches are key ranges of BATCH subject rows each, so every row is read once however many there are.
  let from: unknown[] | null = null;
  for (;;) {
    const bound: Record<string, unknown>[] = (
      await sql<Record<string, unknown>>`
      select ${keys} from ${name} where ${where} ${afterKeys(mapped, from)}
      order by ${keys} offset ${BATCH - 1} limit 1`.execute(db)
    ).rows;
    const to: unknown[] | null = bound[0] ? mapped.key.map((column) => bound[0]![column]) : null;
    const upTo = to ? sql`and (${keys}) <= (${sql.join(to.map((v) => sql`${v}`))})` : sql``;
    await sql`update ${name} set ${sets} where ${where} and ${needs} ${afterKeys(mapped, from)} ${upTo}`.execute(db);
    if (!to) break;
    from = to;
  }
  if (trigger) await sql`alter table ${name} enable trigger ${ident(trigger)}`.execute(db);
  return { rows };
}

/** `and (keys) > (values)`: rows after a page's or batch's last key. */
function afterKeys(table: TDataMapTable, after: unknown[] | null): RawBuilder<unknown> {
  if (!after) return sql``;
  if (after.length !== table.key.length) throw new Error(`${table.table}: a page key has ${table.key.length} values`);
  return sql`and (${keyList(table)}) > (${sql.join(after.map((v) => sql`${v}`))})`;
}

/** Optional product tables may be absent (docs/product-schema.md); the others are checked by the completeness test. */
async function isPresent(db: DbOrTrx, table: TDataMapTable): Promise<boolean> {
  if (!table.optional) return true;
  const { rows } = await sql<{ present: boolean }>`select to_regclass(${table.table}) is not null as present`.execute(raw(db));
  return rows[0]!.present;
}

/**
 * value → masked value for each keyed_hash column, over the subject's rows not yet
 * masked. Hashed here so the masking key never reaches SQL text or the server's logs.
 */
async function keyedHashes(trx: Trx, table: TDataMapTable, where: RawBuilder<boolean>, masking: MaskingKey): Promise<Map<string, Record<string, string>>> {
  const result = new Map<string, Record<string, string>>();
  for (const { column, mask } of maskedColumns(table)) {
    if (mask.strategy !== 'keyed_hash') continue;
    const c = ident(column);
    const { rows } = await sql<{ v: string }>`
      select distinct ${c}::text as v from ${ident(table.table)}
      where ${where} and ${maskSql(column, mask, {}).needs}`.execute(raw(trx));
    result.set(column, Object.fromEntries(rows.map(({ v }) => [v, maskedIdentifier(masking, v, mask.format)])));
  }
  return result;
}

/**
 * One page of the subject's rows of a table, in key order, every column as stored. `after`
 * is the previous page's `next` (the last row's key values); `next` is null on the last
 * page. Bounded memory however many rows the subject has.
 */
export async function readSubjectRows(
  db: DbOrTrx,
  table: string,
  subject: ErasureSubject,
  page: { after: unknown[] | null; limit: number },
): Promise<{ rows: Record<string, unknown>[]; next: unknown[] | null }> {
  const mapped = mappedTable(table);
  const where = subjectCondition(mapped, subject);
  if (!where || !(await isPresent(db, mapped))) return { rows: [], next: null };
  const keys = keyList(mapped);
  const { rows } = await sql<Record<string, unknown>>`
    select * from ${ident(mapped.table)} where ${where} ${afterKeys(mapped, page.after)}
    order by ${keys} limit ${page.limit + 1}`.execute(raw(db));
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows.at(-1);
  return { rows: pageRows, next: more && last ? mapped.key.map((column) => last[column]) : null };
}

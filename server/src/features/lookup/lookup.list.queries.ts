import { CompiledQuery, sql, type Expression, type SqlBool } from 'kysely';
import type { TCustomerListFilter } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { decodeListCursor, encodeListCursor, type CustomerListSort } from './lookup.cursor.js';
import { filteredUsers, MRR_SQL } from './customerListFilter.queries.js';
import { findCustomerIdPageByMrr } from './lookup.mrrSort.queries.js';

/**
 * The customer list: keyset pages and a planner estimate of the total (the filters are in
 * customerListFilter.queries.ts). Nothing here counts rows: a COUNT(*) over a million
 * users is what makes admin lists slow.
 */

/** The MRR of a page's users, as the filter counts it (one index-backed subquery per user: a page, never the table). */
export async function findCustomerMrr(db: DbOrTrx, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('app.users as u')
    .select(['u.id', MRR_SQL.as('mrr')])
    .where('u.id', 'in', userIds)
    .execute();
  return new Map(rows.map((row) => [row.id, Number(row.mrr)]));
}

export interface CustomerIdPage {
  userIds: string[];
  nextCursor: string | null;
}

/** One keyset page of user ids in the requested order. */
export async function findCustomerIdPage(
  db: DbOrTrx,
  input: { filter: TCustomerListFilter; sort: CustomerListSort; cursor?: string | null; limit: number },
): Promise<CustomerIdPage> {
  const after = input.cursor ? decodeListCursor(input.cursor, input.sort) : null;
  if (input.sort === 'mrr_desc') return findCustomerIdPageByMrr(db, { filter: input.filter, after, limit: input.limit });
  let query = filteredUsers(db, input.filter).select([
    'u.id',
    // Text, not a JS Date: timestamps have microseconds, Dates only milliseconds.
    sql<string>`u.created_at::text`.as('createdKey'),
    sql<string>`lower(u.email)`.as('emailKey'),
  ]);
  if (input.sort === 'email_asc') {
    // lower(email) is unique (users_email_key), so it alone orders the pages.
    if (after) query = query.where(sql`lower(u.email)`, '>', after.key);
    query = query.orderBy(sql`lower(u.email)`, 'asc');
  } else {
    const direction = input.sort === 'signup_desc' ? 'desc' : 'asc';
    if (after) query = query.where(rowAfter(direction, after.key, after.id));
    query = query.orderBy('u.createdAt', direction).orderBy('u.id', direction);
  }
  const rows = await query.limit(input.limit + 1).execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? encodeListCursor({ sort: input.sort, key: input.sort === 'email_asc' ? last.emailKey : last.createdKey, id: last.id })
      : null;
  return { userIds: page.map((row) => row.id), nextCursor };
}

function rowAfter(direction: 'asc' | 'desc', createdAt: string, id: string): Expression<SqlBool> {
  return direction === 'desc'
    ? sql<SqlBool>`(u.created_at, u.id) < (${createdAt}::timestamptz, ${id}::uuid)`
    : sql<SqlBool>`(u.created_at, u.id) > (${createdAt}::timestamptz, ${id}::uuid)`;
}

/**
 * How many users match, from the planner: pg_class.reltuples when unfiltered, else the
 * row estimate of EXPLAIN for the filtered query. Good to a few percent on plain
 * filters, rougher on the MRR and failed-payment ones; always milliseconds.
 */
export async function estimateCustomerCount(db: DbOrTrx, filter: TCustomerListFilter): Promise<number> {
  const unfiltered = Object.values(filter).every((value) => value === undefined);
  if (unfiltered) {
    const { rows } = await sql<{ estimate: number }>`select reltuples::float8 as estimate from pg_class where oid = 'app.users'::regclass`.execute(db);
    const estimate = rows[0]?.estimate ?? -1;
    // -1: never analysed (a brand-new table); ask the planner instead.
    if (estimate >= 0) return Math.round(estimate);
  }
  const compiled = filteredUsers(db, filter).select('u.id').compile();
  const result = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
  );
  return Math.round(result.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

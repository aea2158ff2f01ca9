import { sql, type RawBuilder } from 'kysely';
import type { TRevenueFilter } from '@opsdesk/shared';

/**
 * The filters of every revenue query (plan, billing interval, country) as a join on the
 * customer's dimensions row, never on raw history. `alias` is the table whose
 * customer_id is filtered.
 */
export function filterJoin(filter: TRevenueFilter, alias: string): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [];
  if (filter.plan) conditions.push(sql`d.plan = ${filter.plan}`);
  if (filter.billingInterval) conditions.push(sql`d.billing_interval = ${filter.billingInterval}`);
  if (filter.country) conditions.push(sql`d.country = ${filter.country.toUpperCase()}`);
  if (conditions.length === 0) return sql``;
  return sql`join revenue.customer_dimensions d on d.customer_id = ${sql.ref(`${alias}.customer_id`)} and ${sql.join(conditions, sql` and `)}`;
}

/** SQL for the bucket a movement's day falls in (ISO weeks start on Monday in PostgreSQL too). */
export function bucketOf(interval: 'day' | 'week' | 'month', column: RawBuilder<unknown>): RawBuilder<string> {
  if (interval === 'day') return sql<string>`${column}`;
  return sql<string>`date_trunc(${interval}, ${column})::date`;
}

/** +1 when a movement starts a paying customer, −1 when it ends one. */
export const customerDelta = sql`case when m.kind in ('new', 'reactivation') then 1 when m.kind = 'churn' then -1 else 0 end`;

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

/**
 * The rollup rows (revenueRollups.queries.ts) that answer `filter`: the level grouping
 * by exactly the filtered dimensions (and by plan too with `byPlan`, for the plan mix),
 * each filtered dimension equal, the others ''. `alias` is the rollup table's.
 */
export function rollupFilter(filter: TRevenueFilter, alias: string, options: { byPlan?: boolean } = {}): RawBuilder<unknown> {
  const level = (filter.plan || options.byPlan ? 1 : 0) | (filter.billingInterval ? 2 : 0) | (filter.country ? 4 : 0);
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const plan = filter.plan ? sql`and ${column('plan')} = ${filter.plan}` : options.byPlan ? sql`` : sql`and ${column('plan')} = ''`;
  return sql`${column('level')} = ${level} ${plan} and ${column('billing_interval')} = ${filter.billingInterval ?? ''} and ${column('country')} = ${filter.country?.toUpperCase() ?? ''}`;
}

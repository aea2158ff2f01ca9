import { sql, type SqlBool } from 'kysely';
import type { TCustomerListFilter } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

/**
 * The customer list's filters as SQL over `app.users as u`, shared by its keyset walks
 * (lookup.list.queries.ts, lookup.mrrSort.queries.ts) and its count estimate.
 *
 * MRR (cents per month, Stripe's definition): active and past_due subscriptions,
 * licensed prices normalised to a month (year / 12, quarter = 3 months / 3, week × 52 /
 * 12), summed over the workspaces the user owns, in the reporting currency only.
 */

/** One subscription item's amount a month (`si` and `p`). */
export const ITEM_MONTHLY_SQL = sql<number>`p.unit_amount * si.quantity * case p.recurring_interval
      when 'month' then 1.0 when 'year' then 1.0 / 12 when 'week' then 52.0 / 12 when 'day' then 365.0 / 12 end
    / coalesce(nullif(p.recurring_interval_count, 0), 1)`;

/** Which items count (`s` and `p`): live subscriptions, licensed prices of the reporting currency. */
export const COUNTED_ITEM_SQL = sql<SqlBool>`s.status in ('active', 'past_due') and p.recurring_usage_type is distinct from 'metered'
    -- Amounts of different currencies never add up: only the reporting currency's (the revenue dashboards').
    and p.currency = (select currency from revenue.settings)`;

export const MRR_SQL = sql<number>`coalesce((
  select round(sum(${ITEM_MONTHLY_SQL}))::bigint
  from app.workspaces w
  join billing.subscriptions s on s.customer_id = w.stripe_customer_id
  join billing.subscription_items si on si.subscription_id = s.id
  join billing.prices p on p.id = si.price_id
  where w.owner_user_id = u.id and ${COUNTED_ITEM_SQL}), 0)`;

/** A failed charge, or an invoice whose payment was attempted and is still unpaid. */
const HAS_FAILED_PAYMENT_SQL = sql<SqlBool>`exists (
  select 1 from app.workspaces w
  where w.owner_user_id = u.id and w.stripe_customer_id is not null and (
    exists (select 1 from billing.charges c where c.customer_id = w.stripe_customer_id and c.status = 'failed')
    or exists (select 1 from billing.invoices i where i.customer_id = w.stripe_customer_id
               and i.status in ('open', 'uncollectible') and i.attempt_count > 0)))`;

export function filteredUsers(db: DbOrTrx, filter: TCustomerListFilter) {
  let query = db.selectFrom('app.users as u');
  if (filter.status) query = query.where('u.status', '=', filter.status);
  if (filter.country) query = query.where('u.country', '=', filter.country.toUpperCase());
  if (filter.signupFrom) query = query.where('u.createdAt', '>=', new Date(filter.signupFrom));
  if (filter.signupTo) query = query.where('u.createdAt', '<', new Date(filter.signupTo));
  if (filter.plan) {
    const plan = filter.plan;
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('app.workspaces as w').select(sql`1`.as('one')).whereRef('w.ownerUserId', '=', 'u.id').where('w.plan', '=', plan)),
    );
  }
  if (filter.hasFailedPayment !== undefined) query = query.where(filter.hasFailedPayment ? HAS_FAILED_PAYMENT_SQL : sql<SqlBool>`not ${HAS_FAILED_PAYMENT_SQL}`);
  if (filter.mrrMin !== undefined) query = query.where(MRR_SQL, '>=', filter.mrrMin);
  if (filter.mrrMax !== undefined) query = query.where(MRR_SQL, '<=', filter.mrrMax);
  return query;
}

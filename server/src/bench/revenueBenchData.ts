import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * The revenue bench's company, generated inside PostgreSQL (generate_series: no round
 * trip per row). Subscription i belongs to customer ((i − 1) mod C) + 1, C = 85 % of the
 * subscriptions, so one customer in six has two. Each starts in one of the 24 months
 * before END and records a state on each change, plus quarterly renewals:
 * - tier 29/49/99/199 a month (every fifth yearly at ×10); one in 97 bills in EUR;
 * - one in seven starts with a month of trial; one in eleven has a forever 20 % coupon,
 *   one in thirteen 50 % off for 3 months;
 * - one in three doubles its price after 3 months, one in four halves it after 6,
 *   one in nine goes from 1 to 3 seats after 2 months;
 * - one in six cancels after 8 months, half of those come back after 11 (reactivation);
 * - one in seventeen is past_due in month 5; one in 34 then goes unpaid in month 6.
 */
export const BENCH_END = '2025-12-31';
const START = '2024-01-01';
const STATE_MONTHS = [0, 1, 2, 3, 5, 6, 8, 11, 12, 15, 18, 21];

export async function generateRevenueCompany(db: Db, subscriptions: number): Promise<{ customers: number; historyRows: number }> {
  const customers = Math.ceil(subscriptions * 0.85);
  await sql`set maintenance_work_mem = '256MB'`.execute(db);
  await sql`insert into billing.products (id, name, active, created, as_of, data)
    select 'prod_' || t, initcap(t), true, ${START}::timestamptz, 1, '{}' from unnest(array['starter', 'team', 'business', 'enterprise']) t`.execute(db);
  await sql`insert into billing.coupons (id, duration, duration_in_months, percent_off, valid, created, as_of, data) values
    ('co_bench_forever', 'forever', null, 20, true, ${START}::timestamptz, 1, '{}'),
    ('co_bench_3m', 'repeating', 3, 50, true, ${START}::timestamptz, 1, '{}')`.execute(db);
  await sql`insert into billing.customers (id, email, name, created, as_of, data)
    select 'cus_b' || lpad(c::text, 7, '0'), 'c' || c || '@bench.example', 'Customer ' || c, ${START}::timestamptz, 1,
      jsonb_build_object('address', jsonb_build_object('country', (array['US', 'GB', 'DE', 'FR', 'CA'])[1 + c % 5]))
    from generate_series(1, ${customers}) c`.execute(db);
  const { numAffectedRows } = await sql`
    insert into billing.subscription_history (subscription_id, customer_id, effective_at, source, source_id, status, cancel_at_period_end, trial_end, items, coupon_ids)
    select 'sub_b' || lpad(i::text, 7, '0'), 'cus_b' || lpad((((i - 1) % ${customers}) + 1)::text, 7, '0'),
      ${START}::timestamptz + make_interval(months => i % 24 + m, days => i % 28, hours => i % 24), 'event', 'evt_b' || i || '_' || m,
      case when i % 6 = 0 and m >= 8 and not (i % 12 = 0 and m >= 11) then 'canceled'
           when i % 7 = 0 and m = 0 then 'trialing'
           when i % 34 = 0 and m >= 6 then 'unpaid'
           when i % 17 = 0 and m = 5 then 'past_due'
           else 'active' end,
      false, null,
      jsonb_build_array(jsonb_build_object(
        'price', 'price_' || (i % 4) || '_' || (i % 5 = 0), 'product', 'prod_' || (array['starter', 'team', 'business', 'enterprise'])[1 + i % 4],
        'quantity', case when i % 9 = 0 and m >= 2 then 3 else 1 end,
        'unitAmount', (array[2900, 4900, 9900, 19900])[1 + i % 4] * (case when i % 5 = 0 then 10 else 1 end)
          * (case when i % 3 = 0 and m >= 3 then 2 else 1 end) / (case when i % 4 = 0 and m >= 6 then 2 else 1 end),
        'currency', case when i % 97 = 0 then 'eur' else 'usd' end,
        'interval', case when i % 5 = 0 then 'year' else 'month' end, 'intervalCount', 1, 'usageType', 'licensed')),
      case when i % 11 = 0 then array['co_bench_forever'] when i % 13 = 0 then array['co_bench_3m'] else '{}'::text[] end
    from generate_series(1, ${subscriptions}) i cross join unnest(${STATE_MONTHS}::int[]) m
    where i % 24 + m < 24 and not (i % 6 = 0 and i % 12 <> 0 and m > 8)`.execute(db);
  await sql`analyze billing.subscription_history`.execute(db);
  return { customers, historyRows: Number(numAffectedRows ?? 0) };
}

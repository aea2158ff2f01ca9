import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { refreshRevenueForCustomers } from '../features/revenue/refreshCustomerRevenue.js';

/**
 * The incremental cost per webhook event, as the webhook batch pays it: in one
 * transaction, one new subscription state for each of `batchSize` customers, then one
 * refreshRevenueForCustomers call for all of them. `change`: `seat` (default) adds a
 * seat on `day`, so their MRR moves; `renewal` records their latest state again on
 * `day` with the period a month further (what a renewal's `customer.subscription.updated`
 * records: no revenue changes). Returns, per batch, the refresh's time divided by the
 * events in it (ms); the first `warmUp` batches are left out. Customers are drawn at
 * random, each once.
 */
let nextEvent = 0;
/** Event ids unique across runs too, so a kept database (`--keep`) can be timed again. */
const RUN = randomBytes(4).toString('hex');

export async function timeRefreshes(db: Db, options: { batchSize: number; batches: number; warmUp: number; day: string; change?: 'seat' | 'renewal' }): Promise<number[]> {
  const { rows } = await sql<{ customerId: string }>`
    select customer_id from revenue.customer_dimensions order by random() limit ${options.batchSize * (options.batches + options.warmUp)}`.execute(db);
  const perEvent: number[] = [];
  for (let batch = 0; batch * options.batchSize < rows.length; batch++) {
    const customerIds = rows.slice(batch * options.batchSize, (batch + 1) * options.batchSize).map((r) => r.customerId);
    await db.transaction().execute(async (trx) => {
      const renewal = options.change === 'renewal';
      await sql`insert into billing.subscription_history (subscription_id, customer_id, effective_at, source, source_id, status, cancel_at_period_end, current_period_end, items, coupon_ids)
        select distinct on (customer_id) subscription_id, customer_id, ${options.day}::timestamptz, 'event', 'evt_bench_refresh_' || ${RUN} || '_' || (${nextEvent} + row_number() over ()), status, false,
          case when ${renewal}::boolean then coalesce(current_period_end, ${options.day}::timestamptz) + interval '1 month' end,
          case when ${renewal}::boolean then items else jsonb_set(items, '{0,quantity}', to_jsonb(coalesce((items -> 0 ->> 'quantity')::int, 1) + 1)) end, coupon_ids
        from billing.subscription_history where customer_id = any(${customerIds}::text[]) and effective_at <= ${options.day}::timestamptz
        order by customer_id, effective_at desc`.execute(trx);
      nextEvent += customerIds.length;
      const started = performance.now();
      await refreshRevenueForCustomers(trx, customerIds);
      if (batch >= options.warmUp) perEvent.push((performance.now() - started) / customerIds.length);
    });
  }
  return perEvent;
}

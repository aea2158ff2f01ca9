import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { refreshRevenueForCustomers } from '../features/revenue/refreshCustomerRevenue.js';

/**
 * The incremental cost per webhook event, as the webhook batch pays it: in one
 * transaction, one new subscription state for each of `batchSize` customers (a seat
 * added on `day`, so their MRR moves), then one refreshRevenueForCustomers call for all
 * of them. Returns, per batch, the refresh's time divided by the events in it (ms);
 * the first `warmUp` batches are left out. Customers are drawn at random, each once.
 */
let nextEvent = 0;
/** Event ids unique across runs too, so a kept database (`--keep`) can be timed again. */
const RUN = randomBytes(4).toString('hex');

export async function timeRefreshes(db: Db, options: { batchSize: number; batches: number; warmUp: number; day: string }): Promise<number[]> {
  const { rows } = await sql<{ customerId: string }>`
    select customer_id from revenue.customer_dimensions order by random() limit ${options.batchSize * (options.batches + options.warmUp)}`.execute(db);
  const perEvent: number[] = [];
  for (let batch = 0; batch * options.batchSize < rows.length; batch++) {
    const customerIds = rows.slice(batch * options.batchSize, (batch + 1) * options.batchSize).map((r) => r.customerId);
    await db.transaction().execute(async (trx) => {
      await sql`insert into billing.subscription_history (subscription_id, customer_id, effective_at, source, source_id, status, cancel_at_period_end, items, coupon_ids)
        select distinct on (customer_id) subscription_id, customer_id, ${options.day}::timestamptz, 'event', 'evt_bench_refresh_' || ${RUN} || '_' || (${nextEvent} + row_number() over ()), status, false,
          jsonb_set(items, '{0,quantity}', to_jsonb(coalesce((items -> 0 ->> 'quantity')::int, 1) + 1)), coupon_ids
        from billing.subscription_history where customer_id = any(${customerIds}::text[]) order by customer_id, effective_at desc`.execute(trx);
      nextEvent += customerIds.length;
      const started = performance.now();
      await refreshRevenueForCustomers(trx, customerIds);
      if (batch >= options.warmUp) perEvent.push((performance.now() - started) / customerIds.length);
    });
  }
  return perEvent;
}

import { sql, type Kysely } from 'kysely';

/**
 * What the revenue policies need of each subscription state, recorded on the state
 * itself (docs/metrics.md, "What the history must record"):
 * - `current_period_end`: ProfitWell keeps a cancelled subscription's MRR until the end
 *   of the period paid for (Stripe's API keeps it on the items since 2025);
 * - `currency`: the subscription's own, so another currency is excluded by the row;
 * - `discounts`: each discount with its coupon as it was (percent/amount, duration) and
 *   the discount's own start and end, so a coupon deleted later still counts as it was
 *   and ChartMogul deducts a time-limited coupon until the discount really ends.
 *
 * Existing rows are filled where the ledger allows: period end and currency from the
 * stored event payload (else the items' currency), discounts from `coupon_ids` and the
 * coupons mirrored now (without start/end) when every one of them is known. Rows left
 * with null discounts are read through `coupon_ids`, as before.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table billing.subscription_history
    add column current_period_end timestamptz,
    add column currency text,
    add column discounts jsonb`.execute(db);

  await sql`
    update billing.subscription_history h set
      current_period_end = to_timestamp(coalesce(
        (e.payload #>> '{data,object,items,data,0,current_period_end}')::bigint,
        (e.payload #>> '{data,object,current_period_end}')::bigint)),
      currency = lower(e.payload #>> '{data,object,currency}')
    from ops.stripe_events e
    where h.source = 'event' and e.id = h.source_id`.execute(db);
  await sql`update billing.subscription_history set currency = lower(items #>> '{0,currency}') where currency is null`.execute(db);

  await sql`
    update billing.subscription_history h set discounts = (
      select jsonb_agg(jsonb_build_object('discountId', null, 'couponId', c.id, 'duration', c.duration,
          'durationInMonths', c.duration_in_months, 'percentOff', c.percent_off, 'amountOff', c.amount_off,
          'currency', c.currency, 'start', null, 'end', null) order by array_position(h.coupon_ids, c.id))
      from billing.coupons c where c.id = any(h.coupon_ids))
    where cardinality(h.coupon_ids) > 0
      and (select count(*) from billing.coupons c where c.id = any(h.coupon_ids)) = cardinality(h.coupon_ids)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table billing.subscription_history drop column discounts, drop column currency, drop column current_period_end`.execute(db);
}

import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * What the engine replays: billing.subscription_history rows of some customers, with
 * the coupons each state carried resolved from billing.coupons, in the order states
 * took effect (states of the same second in lifecycle order, then as recorded).
 */
export interface HistoryItem {
  price?: string;
  product?: string | null;
  quantity?: number;
  unitAmount: number | null;
  currency?: string;
  interval: string | null;
  intervalCount: number | null;
  usageType: string | null;
}

/**
 * A coupon a state carried. `discountId` and `start`/`end` come from the row's own
 * discounts (migration 0010); rows recorded before it carry only coupon ids, resolved
 * from billing.coupons as mirrored now. `duration` is null when neither the row nor the
 * mirror knows the coupon (a bare `di_` id): revenueCompute resolves it from another
 * state of the subscription or leaves it out.
 */
export interface HistoryCoupon {
  id: string | null;
  discountId: string | null;
  duration: 'forever' | 'once' | 'repeating' | null;
  durationInMonths: number | null;
  percentOff: string | number | null;
  amountOff: string | number | null;
  currency: string | null;
  start: string | null;
  end: string | null;
}

export interface HistoryRow {
  subscriptionId: string;
  customerId: string;
  effectiveAt: Date;
  source: 'event' | 'fetch';
  sourceId: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  /** Null on rows older than migration 0010 without an event: the items' currency decides. */
  currency: string | null;
  items: HistoryItem[];
  coupons: HistoryCoupon[];
}

/**
 * States recorded in the same second cannot be ordered by their events (Stripe's event
 * ids are not sequential, and a renewal and its failed payment share a second): they are
 * applied in lifecycle order, so "renewed, then past_due" never reads as "past_due, then
 * renewed". Different seconds keep their own order.
 */
export const LIFECYCLE_ORDER = sql`case h.status when 'incomplete' then 0 when 'trialing' then 1 when 'active' then 2 when 'past_due' then 3
  when 'paused' then 4 when 'unpaid' then 5 else 6 end`;

/**
 * The coupons a history row `h` carried, as jsonb: the row's own discounts win; a
 * discount whose coupon came as a bare id takes the mirrored coupon's terms. A row
 * without any (most) skips both subqueries.
 */
export const HISTORY_COUPONS = sql`
      case when h.discounts is null and coalesce(cardinality(h.coupon_ids), 0) = 0 then '[]'::jsonb
      when h.discounts is not null then
        coalesce((select jsonb_agg(case when d.value->>'duration' is not null or d.value->>'couponId' is null then d.value
            else d.value || coalesce((select jsonb_build_object('duration', c.duration, 'durationInMonths', c.duration_in_months,
              'percentOff', c.percent_off, 'amountOff', c.amount_off, 'currency', c.currency) from billing.coupons c where c.id = d.value->>'couponId'), '{}'::jsonb) end
            order by d.ordinality)
          from jsonb_array_elements(h.discounts) with ordinality as d(value, ordinality)), '[]'::jsonb)
      else
        coalesce((select jsonb_agg(jsonb_build_object('couponId', c.id, 'discountId', null, 'duration', c.duration, 'durationInMonths', c.duration_in_months,
            'percentOff', c.percent_off, 'amountOff', c.amount_off, 'currency', c.currency, 'start', null, 'end', null) order by array_position(h.coupon_ids, c.id))
          from billing.coupons c where c.id = any(h.coupon_ids)), '[]'::jsonb)
      end`;

/** A discount as the jsonb above builds it (billing/mirror/subscriptionHistory.ts HistoryDiscount). */
type StoredDiscount = Omit<HistoryCoupon, 'id'> & { couponId: string | null };

export function toHistoryCoupons(stored: unknown): HistoryCoupon[] {
  return (stored as StoredDiscount[]).map(({ couponId, ...terms }) => ({ ...terms, id: couponId }));
}

export async function findHistoryOfCustomers(db: DbOrTrx, customerIds: readonly string[] | 'all'): Promise<HistoryRow[]> {
  if (customerIds !== 'all' && customerIds.length === 0) return [];
  // Keys are built camelCase inside jsonb: the CamelCasePlugin renames columns, not JSON keys.
  const { rows } = await sql<HistoryRow>`
    select h.subscription_id, h.customer_id, h.effective_at, h.source, h.source_id, h.status,
      h.cancel_at_period_end, h.trial_end, h.current_period_end, h.currency, h.items,
      ${HISTORY_COUPONS} as coupons
    from billing.subscription_history h
    where ${customerIds === 'all' ? sql`true` : sql`h.customer_id = any(${customerIds as string[]}::text[])`}
    order by h.customer_id, h.effective_at, ${LIFECYCLE_ORDER}, h.id`.execute(db);
  return rows.map((row) => ({ ...row, coupons: toHistoryCoupons(row.coupons) }));
}

/** The next customers with history after `afterCustomerId`, in id order (the rebuild's batches). */
export async function findCustomerIdsAfter(db: DbOrTrx, afterCustomerId: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ customerId: string }>`
    select distinct customer_id from billing.subscription_history
    where ${afterCustomerId === null ? sql`true` : sql`customer_id > ${afterCustomerId}`}
    order by customer_id limit ${limit}`.execute(db);
  return rows.map((r) => r.customerId);
}

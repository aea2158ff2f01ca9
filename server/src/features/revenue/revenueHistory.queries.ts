import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * What the engine replays: billing.subscription_history rows of some customers, with
 * the coupons each state carried resolved from billing.coupons, in the order states
 * took effect (ties in the order they were recorded).
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

export interface HistoryCoupon {
  id: string;
  duration: 'forever' | 'once' | 'repeating';
  durationInMonths: number | null;
  percentOff: string | number | null;
  amountOff: string | number | null;
  currency: string | null;
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
  items: HistoryItem[];
  coupons: HistoryCoupon[];
}

export async function findHistoryOfCustomers(db: DbOrTrx, customerIds: readonly string[] | 'all'): Promise<HistoryRow[]> {
  if (customerIds !== 'all' && customerIds.length === 0) return [];
  // Keys are built camelCase inside jsonb: the CamelCasePlugin renames columns, not JSON keys.
  const { rows } = await sql<HistoryRow>`
    select h.subscription_id, h.customer_id, h.effective_at, h.source, h.source_id, h.status,
      h.cancel_at_period_end, h.trial_end, h.items,
      coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'duration', c.duration, 'durationInMonths', c.duration_in_months,
          'percentOff', c.percent_off, 'amountOff', c.amount_off, 'currency', c.currency) order by array_position(h.coupon_ids, c.id))
        from billing.coupons c where c.id = any(h.coupon_ids)), '[]'::jsonb) as coupons
    from billing.subscription_history h
    where ${customerIds === 'all' ? sql`true` : sql`h.customer_id = any(${customerIds as string[]}::text[])`}
    order by h.customer_id, h.effective_at, h.id`.execute(db);
  return rows;
}

/** The next customers with history after `afterCustomerId`, in id order (the rebuild's batches). */
export async function findCustomerIdsAfter(db: DbOrTrx, afterCustomerId: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ customerId: string }>`
    select distinct customer_id from billing.subscription_history
    where ${afterCustomerId === null ? sql`true` : sql`customer_id > ${afterCustomerId}`}
    order by customer_id limit ${limit}`.execute(db);
  return rows.map((r) => r.customerId);
}

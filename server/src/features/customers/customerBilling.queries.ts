import { sql } from 'kysely';
import type { TCustomerPage, TCustomerSubscription } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { subscriptionMrr, type MrrCoupon, type MrrItem } from './mrr.js';

/**
 * The billing half of the customer page, from the Stripe mirror. Every query selects
 * by "the Stripe customers of the workspaces this user owns" as a subquery, so they all
 * run in parallel in one round trip, each on its (customer_id, created desc) index.
 */
export const PAGE_LIST_LIMIT = 50;

export function ownedStripeCustomers(db: DbOrTrx, userId: string) {
  return db.selectFrom('app.workspaces').select('stripeCustomerId').where('ownerUserId', '=', userId).where('stripeCustomerId', 'is not', null).$narrowType<{ stripeCustomerId: string }>();
}

export const stripeDashboardUrl = (kind: 'customers' | 'invoices' | 'payments' | 'subscriptions', id: string) => `https://dashboard.stripe.com/test/${kind}/${id}`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function findStripeCustomers(db: DbOrTrx, userId: string): Promise<TCustomerPage['stripeCustomers']> {
  const rows = await db.selectFrom('billing.customers').select(['id', 'email', 'balance', 'currency', 'delinquent']).where('id', 'in', ownedStripeCustomers(db, userId)).orderBy('created').execute();
  return rows.map((r) => ({ id: r.id, email: r.email, balance: Number(r.balance), currency: r.currency, delinquent: r.delinquent, dashboardUrl: stripeDashboardUrl('customers', r.id) }));
}

interface SubscriptionItemJson extends MrrItem {
  priceId: string;
  currency: string | null;
  productName: string | null;
  nickname: string | null;
}

/** Subscriptions with their items, product names and known coupons in one query (no N+1). */
export async function findSubscriptions(db: DbOrTrx, userId: string): Promise<(TCustomerSubscription & { discountsUnknown: boolean })[]> {
  const rows = await db
    .selectFrom('billing.subscriptions as s')
    .select(['s.id', 's.customerId', 's.status', 's.currentPeriodStart', 's.currentPeriodEnd', 's.trialEnd', 's.cancelAtPeriodEnd', 's.canceledAt', 's.pauseCollection', 's.couponIds'])
    .select(sql<number>`coalesce(jsonb_array_length(s.data->'discounts'), 0)`.as('discountCount'))
    .select(
      sql<SubscriptionItemJson[]>`coalesce((
        select jsonb_agg(jsonb_build_object(
          'priceId', si.price_id, 'quantity', si.quantity,
          'unitAmount', (si.data->'price'->>'unit_amount')::bigint, 'currency', si.data->'price'->>'currency',
          'interval', si.data->'price'->'recurring'->>'interval', 'intervalCount', (si.data->'price'->'recurring'->>'interval_count')::int,
          'usageType', si.data->'price'->'recurring'->>'usage_type', 'nickname', si.data->'price'->>'nickname', 'productName', pr.name
        ) order by si.data->>'created', si.id)
        from billing.subscription_items si left join billing.products pr on pr.id = si.data->'price'->>'product'
        where si.subscription_id = s.id), '[]'::jsonb)`.as('items'),
    )
    .select(
      sql<MrrCoupon[]>`coalesce((
        select jsonb_agg(jsonb_build_object('duration', c.duration, 'percentOff', c.percent_off, 'amountOff', c.amount_off))
        from billing.coupons c where c.id = any(s.coupon_ids)), '[]'::jsonb)`.as('coupons'),
    )
    .where('s.customerId', 'in', ownedStripeCustomers(db, userId))
    .where('s.deletedAt', 'is', null)
    .orderBy('s.created', 'desc')
    .limit(PAGE_LIST_LIMIT)
    .execute();
  return rows.map((r) => {
    const first = r.items[0];
    const discountsUnknown = r.discountCount > r.couponIds.length;
    return {
      id: r.id,
      stripeCustomerId: r.customerId,
      status: r.status,
      planName: first?.productName ?? first?.nickname ?? null,
      priceId: first?.priceId ?? null,
      interval: first?.interval ?? null,
      intervalCount: first?.intervalCount ?? null,
      quantity: first?.quantity ?? 0,
      amount: first ? r.items.reduce((sum, i) => sum + (i.unitAmount ?? 0) * i.quantity, 0) : null,
      currency: first?.currency ?? null,
      // Coupons we cannot see (bare di_ ids) are left out: the MRR is then before discounts.
      mrr: subscriptionMrr(r.status, r.items, r.coupons.map((c) => ({ ...c, percentOff: c.percentOff === null ? null : Number(c.percentOff), amountOff: c.amountOff === null ? null : Number(c.amountOff) }))),
      currentPeriodStart: iso(r.currentPeriodStart),
      currentPeriodEnd: iso(r.currentPeriodEnd),
      trialEnd: iso(r.trialEnd),
      cancelAtPeriodEnd: r.cancelAtPeriodEnd,
      canceledAt: iso(r.canceledAt),
      pauseCollection: r.pauseCollection,
      couponIds: r.couponIds,
      discountsUnknown,
    };
  });
}

/** The latest invoices, newest first. */
export async function findLatestInvoices(db: DbOrTrx, userId: string): Promise<TCustomerPage['invoices']> {
  const rows = await db
    .selectFrom('billing.invoices')
    .select(['id', 'number', 'status', 'total', 'amountPaid', 'amountDue', 'currency', 'created'])
    .where('customerId', 'in', ownedStripeCustomers(db, userId))
    .where('deletedAt', 'is', null)
    .orderBy('created', 'desc')
    .orderBy('id', 'desc')
    .limit(PAGE_LIST_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    total: r.total === null ? null : Number(r.total),
    amountPaid: Number(r.amountPaid),
    amountDue: Number(r.amountDue),
    currency: r.currency,
    created: r.created.toISOString(),
    dashboardUrl: stripeDashboardUrl('invoices', r.id),
  }));
}

/** The latest payments; refundable = captured − refunded (what the refund action caps at). */
export async function findLatestPayments(db: DbOrTrx, userId: string): Promise<TCustomerPage['payments']> {
  const rows = await db
    .selectFrom('billing.charges')
    .select(['id', 'amount', 'amountCaptured', 'amountRefunded', 'currency', 'status', 'cardBrand', 'cardLast4', 'disputed', 'created'])
    .where('customerId', 'in', ownedStripeCustomers(db, userId))
    .orderBy('created', 'desc')
    .orderBy('id', 'desc')
    .limit(PAGE_LIST_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    amount: Number(r.amount),
    amountRefunded: Number(r.amountRefunded),
    refundable: Math.max(0, Number(r.amountCaptured) - Number(r.amountRefunded)),
    currency: r.currency,
    status: r.status,
    cardBrand: r.cardBrand,
    cardLast4: r.cardLast4,
    disputed: r.disputed,
    created: r.created.toISOString(),
    dashboardUrl: stripeDashboardUrl('payments', r.id),
  }));
}

export async function findLatestRefunds(db: DbOrTrx, userId: string): Promise<TCustomerPage['refunds']> {
  const rows = await db
    .selectFrom('billing.refunds as r')
    .innerJoin('billing.charges as c', 'c.id', 'r.chargeId')
    .select(['r.id', 'r.chargeId', 'r.amount', 'r.currency', 'r.reason', 'r.status', 'r.created'])
    .where('c.customerId', 'in', ownedStripeCustomers(db, userId))
    .orderBy('r.created', 'desc')
    .limit(PAGE_LIST_LIMIT)
    .execute();
  return rows.map((r) => ({ id: r.id, chargeId: r.chargeId, amount: Number(r.amount), currency: r.currency, reason: r.reason, status: r.status, created: r.created.toISOString() }));
}

/** Counts per customer over (customer_id, created) indexes: cheap, a customer has hundreds at most. */
export async function countBillingRecords(db: DbOrTrx, userId: string): Promise<{ invoices: number; payments: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('billing.invoices').select(eb.fn.countAll<string>().as('n')).where('customerId', 'in', ownedStripeCustomers(db, userId)).where('deletedAt', 'is', null).as('invoices'),
      eb.selectFrom('billing.charges').select(eb.fn.countAll<string>().as('n')).where('customerId', 'in', ownedStripeCustomers(db, userId)).as('payments'),
    ])
    .executeTakeFirstOrThrow();
  return { invoices: Number(row.invoices ?? 0), payments: Number(row.payments ?? 0) };
}

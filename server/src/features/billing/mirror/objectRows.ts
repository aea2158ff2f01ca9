import type Stripe from 'stripe';
import { fromUnix, fromUnixRequired, idOf } from './time.js';

/**
 * Stripe object → mirror columns, one function per object type. The full object is
 * kept in `data` as well; these are the columns Opsdesk filters and joins on.
 */
export const customerRow = (c: Stripe.Customer) => ({
  id: c.id,
  email: c.email ?? null,
  name: c.name ?? null,
  balance: c.balance ?? 0,
  currency: c.currency ?? null,
  delinquent: c.delinquent ?? false,
  testClock: idOf(c.test_clock as string | null),
  created: fromUnixRequired(c.created),
});

export const productRow = (p: Stripe.Product) => ({ id: p.id, name: p.name, active: p.active, created: fromUnixRequired(p.created) });

export const priceRow = (p: Stripe.Price) => ({
  id: p.id,
  productId: idOf(p.product)!,
  active: p.active,
  currency: p.currency,
  unitAmount: p.unit_amount,
  type: p.type,
  recurringInterval: p.recurring?.interval ?? null,
  recurringIntervalCount: p.recurring?.interval_count ?? null,
  recurringUsageType: p.recurring?.usage_type ?? null,
  nickname: p.nickname,
  lookupKey: p.lookup_key,
  created: fromUnixRequired(p.created),
});

export const couponRow = (c: Stripe.Coupon) => ({
  id: c.id,
  duration: c.duration,
  durationInMonths: c.duration_in_months,
  percentOff: c.percent_off,
  amountOff: c.amount_off,
  currency: c.currency,
  valid: c.valid,
  created: fromUnixRequired(c.created),
});

/** Coupon ids of a subscription's discounts (strings until expanded). */
export function couponIdsOf(discounts: Array<string | Stripe.Discount> | null | undefined): string[] {
  return (discounts ?? []).flatMap((d) => (typeof d === 'string' ? [] : [idOf(d.source?.coupon)].filter((id): id is string => id !== null)));
}

export const subscriptionRow = (s: Stripe.Subscription) => {
  const firstItem = s.items.data[0];
  return {
    id: s.id,
    customerId: idOf(s.customer)!,
    status: s.status,
    collectionMethod: s.collection_method,
    cancelAtPeriodEnd: s.cancel_at_period_end,
    cancelAt: fromUnix(s.cancel_at),
    canceledAt: fromUnix(s.canceled_at),
    endedAt: fromUnix(s.ended_at),
    trialStart: fromUnix(s.trial_start),
    trialEnd: fromUnix(s.trial_end),
    currentPeriodStart: fromUnix(firstItem?.current_period_start),
    currentPeriodEnd: fromUnix(firstItem?.current_period_end),
    pauseCollection: s.pause_collection ? JSON.stringify(s.pause_collection) : null,
    couponIds: couponIdsOf(s.discounts),
    latestInvoiceId: idOf(s.latest_invoice),
    startDate: fromUnix(s.start_date),
    created: fromUnixRequired(s.created),
  };
};

/** What revenue metrics need of one state of a subscription's items. */
export const historyItems = (s: Stripe.Subscription) =>
  s.items.data.map((item) => ({
    price: item.price.id,
    product: idOf(item.price.product),
    quantity: item.quantity ?? 1,
    unitAmount: item.price.unit_amount,
    currency: item.price.currency,
    interval: item.price.recurring?.interval ?? null,
    intervalCount: item.price.recurring?.interval_count ?? null,
    usageType: item.price.recurring?.usage_type ?? null,
  }));

export const subscriptionItemRow = (subscriptionId: string, item: Stripe.SubscriptionItem) => ({
  id: item.id,
  subscriptionId,
  priceId: item.price.id,
  quantity: item.quantity ?? 1,
  currentPeriodStart: fromUnix(item.current_period_start),
  currentPeriodEnd: fromUnix(item.current_period_end),
  data: JSON.stringify(item),
});

export const invoiceRow = (i: Stripe.Invoice) => ({
  id: i.id!,
  customerId: idOf(i.customer)!,
  subscriptionId: idOf(i.parent?.subscription_details?.subscription),
  status: i.status,
  number: i.number,
  currency: i.currency,
  amountDue: i.amount_due,
  amountPaid: i.amount_paid,
  amountRemaining: i.amount_remaining,
  subtotal: i.subtotal,
  total: i.total,
  billingReason: i.billing_reason,
  attemptCount: i.attempt_count,
  periodStart: fromUnix(i.period_start),
  periodEnd: fromUnix(i.period_end),
  dueDate: fromUnix(i.due_date),
  paidAt: fromUnix(i.status_transitions?.paid_at),
  paymentIntentIds: (i.payments?.data ?? []).map((p) => idOf(p.payment.payment_intent)).filter((id): id is string => id !== null),
  hostedInvoiceUrl: i.hosted_invoice_url ?? null,
  created: fromUnixRequired(i.created),
});

export const invoiceLineRow = (invoiceId: string, line: Stripe.InvoiceLineItem) => {
  const pricing = line.pricing as { price_details?: { price?: string | { id: string } } } | null | undefined;
  const parent = line.parent as { subscription_item_details?: { subscription?: string | null; proration?: boolean }; invoice_item_details?: { proration?: boolean } } | null | undefined;
  return {
    id: line.id,
    invoiceId,
    subscriptionId: idOf(line.subscription as string | null) ?? parent?.subscription_item_details?.subscription ?? null,
    priceId: idOf(pricing?.price_details?.price ?? null),
    description: line.description,
    amount: line.amount,
    currency: line.currency,
    quantity: line.quantity ?? null,
    proration: parent?.subscription_item_details?.proration ?? parent?.invoice_item_details?.proration ?? false,
    periodStart: fromUnix(line.period?.start),
    periodEnd: fromUnix(line.period?.end),
    data: JSON.stringify(line),
  };
};

export const chargeRow = (c: Stripe.Charge) => ({
  id: c.id,
  customerId: idOf(c.customer),
  paymentIntentId: idOf(c.payment_intent),
  amount: c.amount,
  amountCaptured: c.amount_captured,
  amountRefunded: c.amount_refunded,
  currency: c.currency,
  status: c.status,
  paid: c.paid,
  refunded: c.refunded,
  disputed: c.disputed,
  failureCode: c.failure_code,
  failureMessage: c.failure_message,
  cardBrand: c.payment_method_details?.card?.brand ?? null,
  cardLast4: c.payment_method_details?.card?.last4 ?? null,
  created: fromUnixRequired(c.created),
});

export const refundRow = (r: Stripe.Refund) => ({
  id: r.id,
  chargeId: idOf(r.charge),
  paymentIntentId: idOf(r.payment_intent),
  amount: r.amount,
  currency: r.currency,
  status: r.status,
  reason: r.reason,
  created: fromUnixRequired(r.created),
});

export const creditNoteRow = (n: Stripe.CreditNote) => ({
  id: n.id,
  invoiceId: idOf(n.invoice)!,
  customerId: idOf(n.customer)!,
  number: n.number,
  amount: n.amount,
  total: n.total,
  currency: n.currency,
  status: n.status,
  reason: n.reason,
  type: n.type,
  created: fromUnixRequired(n.created),
});

export const disputeRow = (d: Stripe.Dispute) => ({
  id: d.id,
  chargeId: idOf(d.charge)!,
  amount: d.amount,
  currency: d.currency,
  status: d.status,
  reason: d.reason,
  created: fromUnixRequired(d.created),
});

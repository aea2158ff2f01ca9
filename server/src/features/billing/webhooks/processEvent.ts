import type Stripe from 'stripe';
import type { Trx } from '../../../db/database.js';
import { applySnapshot } from '../mirror/applySnapshot.js';
import { mirrorKindOf } from '../mirror/mirrorKinds.js';
import { recordSubscriptionState } from '../mirror/subscriptionHistory.js';
import { fromUnix, idOf } from '../mirror/time.js';

/** Object types whose `*.deleted` event means the object is gone (a subscription is only canceled). */
const DELETABLE = new Set(['customer', 'product', 'price', 'coupon']);

export type ProcessingResult = 'processed' | 'ignored';

/**
 * The event types that change the mirror: subscribe a Stripe webhook endpoint to
 * these (anything else is recorded and ignored, at the cost of a transaction each).
 */
export const MIRRORED_EVENT_TYPES = [
  'customer.created', 'customer.updated', 'customer.deleted',
  'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted',
  'customer.subscription.paused', 'customer.subscription.resumed', 'customer.subscription.trial_will_end',
  'customer.subscription.pending_update_applied', 'customer.subscription.pending_update_expired',
  'invoice.created', 'invoice.updated', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded', 'invoice.payment_failed',
  'invoice.marked_uncollectible', 'invoice.voided', 'invoice.deleted', 'invoice.upcoming',
  'charge.succeeded', 'charge.failed', 'charge.refunded', 'charge.captured', 'charge.updated',
  'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed',
  'refund.created', 'refund.updated', 'refund.failed',
  'credit_note.created', 'credit_note.updated', 'credit_note.voided',
  'product.created', 'product.updated', 'product.deleted',
  'price.created', 'price.updated', 'price.deleted',
  'coupon.created', 'coupon.updated', 'coupon.deleted',
] as const;

/**
 * Applies one Stripe event to the mirror inside the caller's transaction. Dispatch is
 * by the type of `data.object`, so every event about a mirrored object type is
 * handled (customer.*, customer.subscription.*, invoice.*, charge.*, refund.*,
 * charge.dispute.*, credit_note.*, product.*, price.*, coupon.*).
 */
export async function processEvent(trx: Trx, event: Stripe.Event, stripe: Stripe): Promise<ProcessingResult> {
  const object = event.data.object as { object: string; id?: string };
  if (event.type === 'invoice.upcoming') return recordUpcomingInvoice(trx, event);

  const kind = mirrorKindOf(object.object);
  if (!kind || !object.id) return 'ignored';
  let snapshot = object as { id: string };
  if (object.object === 'subscription') {
    snapshot = await withDiscountObjects(object as Stripe.Subscription, stripe);
    await recordSubscriptionState(trx, snapshot as Stripe.Subscription, { source: 'event', sourceId: event.id, effectiveAt: event.created });
  }
  const deleted = DELETABLE.has(object.object) && event.type.endsWith('.deleted');
  await applySnapshot(trx, kind, snapshot, { asOf: event.created, eventId: event.id, deleted }, stripe);
  return 'processed';
}

/**
 * Events carry a subscription's discounts as `di_…` ids, but MRR needs their coupons
 * (only `forever` coupons reduce it). The few subscriptions with discounts are
 * fetched with the discounts expanded — their current coupons, which is what a
 * discount's coupon almost always still is.
 */
async function withDiscountObjects(subscription: Stripe.Subscription, stripe: Stripe): Promise<Stripe.Subscription> {
  if (!subscription.discounts?.some((d) => typeof d === 'string')) return subscription;
  const current = await stripe.subscriptions.retrieve(subscription.id, { expand: ['discounts'] }).catch((error: { statusCode?: number }) => {
    if (error.statusCode === 404) return null;
    throw error;
  });
  return current ? { ...subscription, discounts: current.discounts } : subscription;
}

/** `invoice.upcoming` carries an invoice without an id: keep the latest per subscription. */
async function recordUpcomingInvoice(trx: Trx, event: Stripe.Event): Promise<ProcessingResult> {
  const invoice = event.data.object as Stripe.Invoice;
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  if (!subscriptionId) return 'ignored';
  const row = {
    subscriptionId,
    customerId: idOf(invoice.customer)!,
    amountDue: invoice.amount_due,
    currency: invoice.currency,
    nextPaymentAttempt: fromUnix(invoice.next_payment_attempt),
    asOf: event.created,
    asOfEventId: event.id,
    deletedAt: null,
    data: JSON.stringify(invoice),
    syncedAt: new Date(),
  };
  const { subscriptionId: _key, ...changes } = row;
  await trx
    .insertInto('billing.upcomingInvoices')
    .values(row)
    .onConflict((oc) => oc.column('subscriptionId').doUpdateSet(changes).where('billing.upcomingInvoices.asOf', '<=', event.created as never))
    .execute();
  return 'processed';
}

import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { attemptInvoicePayment, type PayResult } from './invoicePayment.js';
import { buildInvoice, subscriptionIdOf } from './invoiceBuild.js';
import { finalizeInvoice, markUncollectible, voidInvoice } from './invoiceStatus.js';
import type { LineInput } from './invoiceLines.js';
import { DAY, nextPeriodEnd } from './periods.js';
import { itemsOf, newInvoiceItem, pendingItemLines, periodLines, periodOf, setPeriod } from './subscriptionItems.js';

/** The payment method a subscription's invoices are charged with, if any. */
export function subscriptionPaymentMethod(engine: Engine, sub: StripeObject): string | null {
  if (sub.default_payment_method) return sub.default_payment_method as string;
  const customer = engine.store.get('customer', sub.customer as string);
  return (customer?.invoice_settings?.default_payment_method as string | null | undefined) ?? null;
}

function cycleItems(sub: StripeObject) {
  return itemsOf(sub).map((i) => ({ id: i.id, price: i.price as StripeObject, quantity: (i.quantity as number) ?? 1 }));
}

/**
 * Create, finalize and (for automatic collection) charge an invoice for a subscription.
 * `pause_collection` decides what happens to cycle invoices while collection is paused.
 */
export function invoiceSubscription(engine: Engine, sub: StripeObject, lines: LineInput[], billingReason: string, period: { start: number; end: number }, prorationDate?: number): { invoice: StripeObject; payment: PayResult | null } {
  const customer = engine.store.require('customer', sub.customer);
  const invoice = buildInvoice(engine, {
    customer,
    subscription: sub,
    lines,
    billingReason,
    periodStart: period.start,
    periodEnd: period.end,
    collectionMethod: sub.collection_method as string,
    ...(prorationDate !== undefined ? { prorationDate } : {}),
  });
  sub.latest_invoice = invoice.id;
  const pause = sub.pause_collection as { behavior: string } | null;
  if (pause && billingReason === 'subscription_cycle') {
    if (pause.behavior === 'keep_as_draft') {
      invoice.auto_advance = false;
      return { invoice, payment: null };
    }
    finalizeInvoice(engine, invoice);
    if (invoice.status === 'open') pause.behavior === 'void' ? voidInvoice(engine, invoice) : markUncollectible(engine, invoice);
    return { invoice, payment: null };
  }
  finalizeInvoice(engine, invoice);
  if (invoice.status !== 'open') return { invoice, payment: null };
  if (sub.collection_method === 'send_invoice') {
    invoice.due_date = engine.now(customer.id) + ((sub.days_until_due as number | null) ?? 30) * DAY;
    return { invoice, payment: null };
  }
  const payment = attemptInvoicePayment(engine, invoice);
  return { invoice, payment };
}

/** After an automatic attempt failed with no retries left, apply the dunning outcome. */
export function applyDunningExhaustion(engine: Engine, invoice: StripeObject): void {
  if (invoice.status !== 'open' || invoice.next_payment_attempt !== null) return;
  const subId = subscriptionIdOf(invoice);
  const sub = subId ? engine.store.get('subscription', subId) : undefined;
  const { onExhausted, markUncollectible: markIt } = engine.settings.dunning;
  if (markIt) markUncollectible(engine, invoice);
  if (!sub || sub.status === 'canceled') return;
  if (onExhausted === 'cancel') cancelSubscriptionNow(engine, sub, { reason: 'payment_failed' });
  else if (onExhausted === 'unpaid') engine.update(sub, 'customer.subscription.updated', (s) => (s.status = 'unpaid'));
}

export function cancelSubscriptionNow(engine: Engine, sub: StripeObject, opts: { prorate?: boolean; invoiceNow?: boolean; reason?: string; comment?: string | null; feedback?: string | null } = {}): void {
  const now = engine.now(sub.customer as string);
  const customer = engine.store.require('customer', sub.customer);
  const period = periodOf(sub);
  if (opts.prorate && sub.status !== 'trialing' && period.end > now) {
    const share = (period.end - now) / (period.end - period.start);
    const credits: LineInput[] = itemsOf(sub).map((i) => ({
      amount: -Math.round((i.price.unit_amount as number) * ((i.quantity as number) ?? 1) * share),
      description: `Unused time on ${i.price.nickname ?? 'plan'} after cancellation`,
      period: { start: now, end: period.end },
      price: i.price as StripeObject,
      quantity: (i.quantity as number) ?? 1,
      proration: true,
      subscription: sub.id,
      subscriptionItem: i.id,
    }));
    for (const c of credits) newInvoiceItem(engine, customer, c);
  }
  if (opts.invoiceNow) {
    const lines = pendingItemLines(engine, customer.id, sub.id);
    if (lines.length) {
      const { invoice } = invoiceSubscription(engine, sub, lines, 'subscription_update', { start: now, end: now });
      sub.latest_invoice = invoice.id;
    }
  }
  engine.update(sub, null, (s) => {
    s.status = 'canceled';
    s.canceled_at = s.canceled_at ?? now;
    s.ended_at = now;
    s.cancel_at_period_end = false;
    s.cancellation_details = { comment: opts.comment ?? null, feedback: opts.feedback ?? null, feedback_option: null, reason: opts.reason ?? 'cancellation_requested' };
  });
  engine.bus.emit('customer.subscription.deleted', sub);
}

/** Period end reached: cancel if scheduled, otherwise start the next period and bill it. */
export function renewSubscription(engine: Engine, sub: StripeObject): void {
  const period = periodOf(sub);
  const at = period.end;
  if (sub.cancel_at_period_end || (sub.cancel_at !== null && (sub.cancel_at as number) <= at)) {
    cancelSubscriptionNow(engine, sub, { reason: 'cancellation_requested' });
    return;
  }
  const first = itemsOf(sub)[0]!.price as StripeObject;
  const next = { start: at, end: nextPeriodEnd(sub.billing_cycle_anchor as number, at, first.recurring.interval, first.recurring.interval_count) };
  engine.update(sub, 'customer.subscription.updated', (s) => setPeriod(s, next));
  // Unpaid and paused subscriptions keep their periods but are not invoiced.
  if (sub.status === 'unpaid' || sub.status === 'paused') return;
  const lines = [...pendingItemLines(engine, sub.customer as string, sub.id), ...periodLines(engine, sub, cycleItems(sub), next)];
  const { invoice, payment } = invoiceSubscription(engine, sub, lines, 'subscription_cycle', next);
  if (payment && !payment.ok) applyDunningExhaustion(engine, invoice);
}

/** Trial over: start the first paid period (or pause / cancel without a payment method). */
export function endTrial(engine: Engine, sub: StripeObject, at: number): void {
  const missing = sub.trial_settings?.end_behavior?.missing_payment_method as string | undefined;
  if (!subscriptionPaymentMethod(engine, sub) && missing && missing !== 'create_invoice') {
    if (missing === 'cancel') return cancelSubscriptionNow(engine, sub, { reason: 'cancellation_requested' });
    engine.update(sub, 'customer.subscription.updated', (s) => (s.status = 'paused'));
    engine.bus.emit('customer.subscription.paused', sub);
    return;
  }
  const first = itemsOf(sub)[0]!.price as StripeObject;
  const next = { start: at, end: nextPeriodEnd(at, at, first.recurring.interval, first.recurring.interval_count) };
  engine.update(sub, 'customer.subscription.updated', (s) => {
    s.status = 'active';
    s.trial_end = at;
    s.billing_cycle_anchor = at;
    setPeriod(s, next);
  });
  const lines = [...pendingItemLines(engine, sub.customer as string, sub.id), ...periodLines(engine, sub, cycleItems(sub), next)];
  const { invoice, payment } = invoiceSubscription(engine, sub, lines, 'subscription_cycle', next);
  if (payment && !payment.ok) applyDunningExhaustion(engine, invoice);
}

/** A scheduled dunning retry of an open invoice. */
export function retryInvoice(engine: Engine, invoice: StripeObject): void {
  const result = attemptInvoicePayment(engine, invoice);
  if (!result.ok) applyDunningExhaustion(engine, invoice);
}

import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { subscriptionIdOf, subscriptionOf } from './invoiceBuild.js';
import { markPaid } from './invoiceStatus.js';
import { confirmPaymentIntent, newPaymentIntent } from './payments.js';
import { DAY } from './periods.js';

/** The card an attempt charges: the invoice's, else the subscription's, else the customer's default (Stripe's order). */
function paymentMethodFor(engine: Engine, inv: StripeObject): string | null {
  if (inv.default_payment_method) return inv.default_payment_method as string;
  const subId = subscriptionIdOf(inv);
  const sub = subId ? engine.store.get('subscription', subId) : undefined;
  if (sub?.default_payment_method) return sub.default_payment_method as string;
  const customer = engine.store.get('customer', inv.customer as string);
  return (customer?.invoice_settings?.default_payment_method as string | null | undefined) ?? null;
}

export interface PayResult {
  ok: boolean;
  declined: { code: string; declineCode: string; message: string; charge: string | null; paymentIntent: StripeObject | null } | null;
  noPaymentMethod: boolean;
}

/** One payment attempt (API `pay`, subscription creation, renewal or dunning retry). */
export function attemptInvoicePayment(engine: Engine, inv: StripeObject, opts: { paymentMethod?: string | null } = {}): PayResult {
  const remaining = (inv.amount_due as number) - (inv.amount_paid as number);
  if (remaining <= 0) {
    markPaid(engine, inv);
    return { ok: true, declined: null, noPaymentMethod: false };
  }
  const pmId = opts.paymentMethod ?? paymentMethodFor(engine, inv);
  let payment = engine.store.list('invoice_payment', (p) => p.invoice === inv.id && p.is_default)[0];
  let pi = payment ? engine.store.get('payment_intent', payment.payment.payment_intent as string) : undefined;
  if (!pmId) {
    recordFailure(engine, inv);
    return { ok: false, declined: null, noPaymentMethod: true };
  }
  if (!pi) {
    pi = newPaymentIntent(engine, {
      amount: remaining,
      currency: inv.currency as string,
      customer: inv.customer as string,
      paymentMethod: pmId,
      description: subscriptionIdOf(inv) ? (inv.billing_reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update') : null,
    });
    payment = engine.store.insert({
      id: newId('inpay'),
      object: 'invoice_payment',
      amount_paid: null,
      amount_requested: remaining,
      created: engine.now(inv.customer as string),
      currency: inv.currency,
      invoice: inv.id,
      is_default: true,
      livemode: false,
      payment: { payment_intent: pi.id, type: 'payment_intent' },
      status: 'open',
      status_transitions: { canceled_at: null, paid_at: null },
    });
  } else {
    // Retries confirm the invoice's existing PaymentIntent again, as Stripe does.
    pi.payment_method = pmId;
  }
  const outcome = confirmPaymentIntent(engine, pi);
  if (outcome.declined) {
    recordFailure(engine, inv);
    return {
      ok: false,
      noPaymentMethod: false,
      declined: { ...outcome.declined, charge: outcome.charge?.id ?? null, paymentIntent: pi },
    };
  }
  const now = engine.now(inv.customer as string);
  payment!.status = 'paid';
  payment!.amount_paid = remaining;
  payment!.status_transitions = { canceled_at: null, paid_at: now };
  markPaid(engine, inv, remaining);
  engine.bus.emit('invoice_payment.paid', payment!);
  return { ok: true, declined: null, noPaymentMethod: false };
}

function recordFailure(engine: Engine, inv: StripeObject): void {
  const retryDays = engine.settings.dunning.retryDays;
  const autoRetry = inv.collection_method === 'charge_automatically' && subscriptionIdOf(inv) !== null && inv.billing_reason !== 'subscription_create';
  engine.update(inv, 'invoice.payment_failed', (i) => {
    i.attempt_count = (i.attempt_count as number) + 1;
    i.attempted = true;
    const nextDays = retryDays[(i.attempt_count as number) - 1];
    const base = (i.status_transitions.finalized_at as number | null) ?? (i.created as number);
    i.next_payment_attempt = autoRetry && nextDays !== undefined ? base + nextDays * DAY : null;
  }, { forceEmit: true });
  const sub = subscriptionOf(engine, inv);
  if (sub && (sub.status === 'active' || sub.status === 'trialing') && inv.billing_reason !== 'subscription_create') {
    engine.update(sub, 'customer.subscription.updated', (s) => (s.status = 'past_due'));
  }
}

import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import type { LineInput } from '../billing/invoiceLines.js';
import { voidInvoice } from '../billing/invoiceStatus.js';
import { DAY, nextPeriodEnd } from '../billing/periods.js';
import { recurringPrice } from '../billing/proration.js';
import { itemsOf, newSubscriptionItem, periodLines, setItems } from '../billing/subscriptionItems.js';
import { invoiceSubscription } from '../billing/subscriptionLifecycle.js';
import { resolvePaymentMethod } from '../billing/testCards.js';
import { cardError, invalidRequest, missingParam } from '../wire/errors.js';
import { bool, int, mergeMetadata, obj, objArr, oneOf, reqStr, str, type Params } from '../wire/params.js';
import type { Api } from './common.js';
import { getCustomer } from './customers.js';
import { discountsFrom, PAYMENT_BEHAVIOR } from './subscriptionParams.js';

/** POST /v1/subscriptions: the subscription, its first invoice and payment attempt, events in Stripe's order. */
export function createSubscription(api: Api, p: Params): StripeObject {
  const { engine } = api;
  const customer = getCustomer(api, reqStr(p, 'customer'));
  const itemParams = objArr(p, 'items');
  if (!itemParams?.length) throw missingParam('items');
  const now = engine.now(customer.id);
  const prices = itemParams.map((it, i) => ({
    price: recurringPrice(engine, str(it, 'price', `items[${i}][price]`) ?? (() => { throw missingParam(`items[${i}][price]`); })(), `items[${i}][price]`),
    quantity: int(it, 'quantity', `items[${i}][quantity]`) ?? 1,
    metadata: mergeMetadata({}, it),
  }));
  const first = prices[0]!.price;
  if (prices.some((x) => x.price.currency !== first.currency)) throw invalidRequest('All prices on a subscription must have the same currency.', 'items');
  if (customer.currency && customer.currency !== first.currency) {
    throw invalidRequest(`You cannot combine currencies on a single customer. This customer has had a subscription or payment in ${customer.currency}, but you are trying to pay in ${first.currency}.`, 'currency');
  }
  const dpm = str(p, 'default_payment_method');
  const paymentMethod = dpm ? resolvePaymentMethod(engine, dpm, customer.id, 'default_payment_method').id : null;

  const trialEndParam = str(p, 'trial_end');
  const trialDays = int(p, 'trial_period_days');
  let trialEnd: number | null = null;
  if (trialEndParam && trialEndParam !== 'now') {
    trialEnd = int(p, 'trial_end')!;
    if (trialEnd <= now) throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future.', 'trial_end');
  } else if (!trialEndParam && trialDays) trialEnd = now + trialDays * DAY;

  const id = newId('sub');
  const period = { start: now, end: trialEnd ?? nextPeriodEnd(now, now, first.recurring.interval, first.recurring.interval_count) };
  const trialSettings = obj(p, 'trial_settings');
  const missingPm = trialSettings ? str(obj(trialSettings, 'end_behavior'), 'missing_payment_method', 'trial_settings[end_behavior][missing_payment_method]') : undefined;
  const sub = newSubscription(p, { id, now, customer, trialEnd, currency: first.currency, paymentMethod, missingPm });
  setItems(sub, prices.map((x) => newSubscriptionItem(engine, id, x.price, x.quantity, period, now, x.metadata)));
  sub.discounts = discountsFrom(engine, p, customer.id, id, now) ?? [];
  engine.store.insert(sub);
  const mark = engine.bus.mark();

  const behavior = oneOf(p, 'payment_behavior', PAYMENT_BEHAVIOR) ?? 'allow_incomplete';
  const lines = periodLines(engine, sub, itemsOf(sub).map((i) => ({ id: i.id, price: i.price as StripeObject, quantity: i.quantity as number })), period, !!trialEnd);
  if (behavior === 'default_incomplete' && !trialEnd) {
    // The client confirms the first payment later: leave the invoice open.
    sub.status = 'incomplete';
    const { invoice } = invoiceSubscriptionWithoutPayment(engine, sub, lines, period);
    sub.latest_invoice = invoice.id;
  } else {
    const { invoice, payment } = invoiceSubscription(engine, sub, lines, 'subscription_create', period);
    if (payment && !payment.ok) {
      sub.status = 'incomplete';
      if (behavior === 'error_if_incomplete') {
        voidInvoice(engine, invoice);
        sub.status = 'incomplete_expired';
        engine.bus.emit('customer.subscription.created', sub);
        engine.bus.moveLastTo(mark);
        const d = payment.declined;
        if (d) throw cardError(d.message, d.declineCode, { charge: d.charge, payment_intent: structuredClone(d.paymentIntent) });
        throw invalidRequest('This customer has no attached payment source or default payment method.', 'default_payment_method');
      }
    }
  }
  engine.bus.emit('customer.subscription.created', sub);
  engine.bus.moveLastTo(mark);
  if (sub.status === 'trialing' && (sub.trial_end as number) - 3 * DAY <= now) {
    engine.sub(sub.id).trialWillEndSent = true;
    engine.bus.emit('customer.subscription.trial_will_end', sub);
  }
  return sub;
}

interface NewSubscription {
  id: string;
  now: number;
  customer: StripeObject;
  trialEnd: number | null;
  currency: string;
  paymentMethod: string | null;
  missingPm: string | undefined;
}

/** The wire object as Stripe returns it at creation; items and discounts are set by the caller. */
function newSubscription(p: Params, { id, now, customer, trialEnd, currency, paymentMethod, missingPm }: NewSubscription): StripeObject {
  return {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trialEnd ?? now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: int(p, 'cancel_at') ?? null,
    cancel_at_period_end: bool(p, 'cancel_at_period_end') ?? false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: oneOf(p, 'collection_method', ['charge_automatically', 'send_invoice']) ?? 'charge_automatically',
    created: now,
    currency: currency,
    customer: customer.id,
    customer_account: null,
    days_until_due: int(p, 'days_until_due') ?? null,
    default_payment_method: paymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: str(p, 'description') ?? null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    items: null,
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, p),
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: trialEnd ? 'trialing' : 'active',
    test_clock: customer.test_clock ?? null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: missingPm ?? 'create_invoice' } },
    trial_start: trialEnd ? now : null,
  };
}

function invoiceSubscriptionWithoutPayment(engine: Engine, sub: StripeObject, lines: LineInput[], period: { start: number; end: number }) {
  const saved = sub.collection_method;
  // send_invoice skips the automatic attempt; restore the real collection method after.
  sub.collection_method = 'send_invoice';
  const result = invoiceSubscription(engine, sub, lines, 'subscription_create', period);
  sub.collection_method = saved;
  result.invoice.collection_method = saved;
  result.invoice.due_date = null;
  return result;
}

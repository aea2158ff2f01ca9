import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';
import { newDiscount } from '../billing/discounts.js';
import { voidInvoice, type LineInput } from '../billing/invoices.js';
import { DAY, nextPeriodEnd } from '../billing/periods.js';
import { planItemUpdate, recurringPrice } from '../billing/proration.js';
import { itemsOf, newInvoiceItem, newSubscriptionItem, pendingItemLines, periodLines, periodOf, planFromPrice, setItems, setPeriod } from '../billing/subscriptionItems.js';
import { cancelSubscriptionNow, endTrial, invoiceSubscription } from '../billing/subscriptionLifecycle.js';
import { resolvePaymentMethod } from '../billing/testCards.js';
import { cardError, invalidRequest, missingParam } from '../wire/errors.js';
import { bool, int, mergeMetadata, obj, objArr, oneOf, reqStr, str, type Params } from '../wire/params.js';
import { listOf, type Api } from './common.js';
import { getCustomer } from './customers.js';

const PRORATION = ['create_prorations', 'none', 'always_invoice'] as const;
const PAYMENT_BEHAVIOR = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] as const;

export function registerSubscriptions(api: Api): void {
  const { engine, router } = api;

  /** discounts[0][coupon]=… (current API) or the legacy coupon=… */
  function discountsFrom(p: Params, customerId: string, subId: string, start: number): string[] | undefined {
    const entries = objArr(p, 'discounts')?.map((d, i) => str(d, 'coupon', `discounts[${i}][coupon]`)).filter((c): c is string => !!c);
    const legacy = str(p, 'coupon');
    if (!entries && !legacy && p.discounts !== '') return undefined;
    const coupons = [...(entries ?? []), ...(legacy ? [legacy] : [])];
    return coupons.map((c) => {
      const coupon = engine.store.require('coupon', c, 'discounts');
      if (!coupon.valid) throw invalidRequest(`Coupon expired: ${c}`, 'discounts');
      return newDiscount(engine, coupon, { customer: customerId, subscription: subId, start }).id;
    });
  }

  function pauseFrom(p: Params): unknown {
    if (!('pause_collection' in p)) return undefined;
    const pc = obj(p, 'pause_collection');
    if (!pc) return null;
    return {
      behavior: oneOf(pc, 'behavior', ['keep_as_draft', 'mark_uncollectible', 'void'], 'pause_collection[behavior]') ?? (() => { throw missingParam('pause_collection[behavior]'); })(),
      resumes_at: int(pc, 'resumes_at', 'pause_collection[resumes_at]') ?? null,
    };
  }

  router.on('POST', '/v1/subscriptions', ({ params: p }) => {
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
    const sub: StripeObject = {
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
      currency: first.currency,
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
    setItems(sub, prices.map((x) => newSubscriptionItem(engine, id, x.price, x.quantity, period, now, x.metadata)));
    sub.discounts = discountsFrom(p, customer.id, id, now) ?? [];
    engine.store.insert(sub);
    const mark = engine.bus.mark();

    const behavior = oneOf(p, 'payment_behavior', PAYMENT_BEHAVIOR) ?? 'allow_incomplete';
    const lines = periodLines(engine, sub, itemsOf(sub).map((i) => ({ id: i.id, price: i.price as StripeObject, quantity: i.quantity as number })), period, !!trialEnd);
    if (behavior === 'default_incomplete' && !trialEnd) {
      // The client confirms the first payment later: leave the invoice open.
      sub.status = 'incomplete';
      const { invoice } = invoiceSubscriptionWithoutPayment(sub, lines, period);
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
  });

  function invoiceSubscriptionWithoutPayment(sub: StripeObject, lines: LineInput[], period: { start: number; end: number }) {
    const saved = sub.collection_method;
    // send_invoice skips the automatic attempt; restore the real collection method after.
    sub.collection_method = 'send_invoice';
    const result = invoiceSubscription(engine, sub, lines, 'subscription_create', period);
    sub.collection_method = saved;
    result.invoice.collection_method = saved;
    result.invoice.due_date = null;
    return result;
  }

  router.on('GET', '/v1/subscriptions/:id', ({ path }) => engine.store.require('subscription', path.id));

  router.on('POST', '/v1/subscriptions/:id', ({ path, params: p }) => {
    const sub = engine.store.require('subscription', path.id);
    if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
      const onlyAllowed = Object.keys(p).every((k) => ['metadata', 'cancellation_details', 'expand'].includes(k));
      if (!onlyAllowed) throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.', undefined);
    }
    const now = engine.now(sub.customer as string);
    const behavior = oneOf(p, 'proration_behavior', PRORATION) ?? 'create_prorations';
    const itemParams = objArr(p, 'items');
    const plan = itemParams ? planItemUpdate(engine, sub, itemParams, int(p, 'proration_date'), 'items') : null;

    // trial_end=now ends the trial through the normal trial-end path (invoice + charge).
    if (str(p, 'trial_end') === 'now' && sub.status === 'trialing') endTrial(engine, sub, now);

    const dpm = str(p, 'default_payment_method');
    const pmId = dpm ? resolvePaymentMethod(engine, dpm, sub.customer as string, 'default_payment_method').id : undefined;
    const newDiscounts = discountsFrom(p, sub.customer as string, sub.id, now);
    const pause = pauseFrom(p);
    let newPeriod: { start: number; end: number } | null = null;

    engine.update(sub, 'customer.subscription.updated', (s) => {
      if (plan?.changed) {
        const first = plan.items[0]!.price;
        newPeriod = plan.resetPeriod
          ? { start: plan.prorationDate, end: nextPeriodEnd(plan.prorationDate, plan.prorationDate, first.recurring.interval, first.recurring.interval_count) }
          : null;
        const period = newPeriod ?? periodOf(s);
        setItems(
          s,
          plan.items.map((pi) =>
            pi.existing
              ? { ...pi.existing, price: structuredClone(pi.price), plan: planFromPrice(pi.price), quantity: pi.quantity, current_period_start: period.start, current_period_end: period.end }
              : { ...newSubscriptionItem(engine, s.id, pi.price, pi.quantity, period, now), id: pi.id },
          ),
        );
        if (newPeriod) s.billing_cycle_anchor = newPeriod.start;
      }
      const cape = bool(p, 'cancel_at_period_end');
      if (cape !== undefined) {
        s.cancel_at_period_end = cape;
        s.cancel_at = cape ? periodOf(s).end : null;
        s.canceled_at = cape ? now : null;
      }
      if ('cancel_at' in p) {
        s.cancel_at = int(p, 'cancel_at') ?? null;
        s.canceled_at = s.cancel_at ? now : null;
      }
      if (pmId !== undefined) s.default_payment_method = pmId;
      if ('description' in p) s.description = str(p, 'description') ?? null;
      if (pause !== undefined) s.pause_collection = pause;
      if (newDiscounts) s.discounts = newDiscounts;
      const cd = obj(p, 'cancellation_details');
      if (cd) s.cancellation_details = { ...s.cancellation_details, comment: str(cd, 'comment') ?? null, feedback: str(cd, 'feedback') ?? null };
      const trialEnd = str(p, 'trial_end');
      if (trialEnd && trialEnd !== 'now' && s.status === 'trialing') {
        const ts = int(p, 'trial_end')!;
        s.trial_end = ts;
        s.billing_cycle_anchor = ts;
        setPeriod(s, { start: periodOf(s).start, end: ts });
        engine.sub(s.id).trialWillEndSent = false;
      }
      const cm = oneOf(p, 'collection_method', ['charge_automatically', 'send_invoice']);
      if (cm) s.collection_method = cm;
      if ('days_until_due' in p) s.days_until_due = int(p, 'days_until_due') ?? null;
      s.metadata = mergeMetadata(s.metadata as Record<string, string>, p);
    });

    if (plan?.changed && behavior !== 'none') {
      const customer = engine.store.require('customer', sub.customer);
      const immediate = behavior === 'always_invoice' || plan.resetPeriod;
      if (!immediate) {
        for (const line of plan.prorationLines) newInvoiceItem(engine, customer, line);
      } else {
        const period = (newPeriod as { start: number; end: number } | null) ?? periodOf(sub);
        const lines = [
          ...pendingItemLines(engine, customer.id, sub.id),
          ...plan.prorationLines,
          ...(plan.resetPeriod ? periodLines(engine, sub, plan.items, period) : []),
        ];
        invoiceSubscription(engine, sub, lines, 'subscription_update', period, plan.prorationDate);
      }
    } else if (plan?.changed && plan.resetPeriod) {
      const period = newPeriod as unknown as { start: number; end: number };
      invoiceSubscription(engine, sub, periodLines(engine, sub, plan.items, period), 'subscription_update', period);
    }
    return sub;
  });

  router.on('DELETE', '/v1/subscriptions/:id', ({ path, params: p }) => {
    const sub = engine.store.require('subscription', path.id);
    if (sub.status === 'canceled') throw invalidRequest(`No such subscription: '${sub.id}'; it has already been canceled.`, 'id', 'resource_missing');
    const cd = obj(p, 'cancellation_details');
    cancelSubscriptionNow(engine, sub, {
      prorate: bool(p, 'prorate') ?? false,
      invoiceNow: bool(p, 'invoice_now') ?? false,
      reason: 'cancellation_requested',
      comment: cd ? (str(cd, 'comment') ?? null) : null,
      feedback: cd ? (str(cd, 'feedback') ?? null) : null,
    });
    return sub;
  });

  router.on('POST', '/v1/subscriptions/:id/pause', ({ path }) => {
    const sub = engine.store.require('subscription', path.id);
    if (sub.status !== 'active' && sub.status !== 'trialing' && sub.status !== 'past_due') throw invalidRequest(`Subscription with status ${sub.status} cannot be paused.`, undefined);
    engine.update(sub, 'customer.subscription.updated', (s) => (s.status = 'paused'));
    engine.bus.emit('customer.subscription.paused', sub);
    return sub;
  });

  router.on('POST', '/v1/subscriptions/:id/resume', ({ path }) => {
    const sub = engine.store.require('subscription', path.id);
    if (sub.status !== 'paused') throw invalidRequest('Only a paused subscription can be resumed.', undefined);
    const now = engine.now(sub.customer as string);
    const first = itemsOf(sub)[0]!.price as StripeObject;
    const period = { start: now, end: nextPeriodEnd(now, now, first.recurring.interval, first.recurring.interval_count) };
    engine.update(sub, 'customer.subscription.updated', (s) => {
      s.status = 'active';
      s.billing_cycle_anchor = now;
      setPeriod(s, period);
    });
    engine.bus.emit('customer.subscription.resumed', sub);
    const lines = [...pendingItemLines(engine, sub.customer as string, sub.id), ...periodLines(engine, sub, itemsOf(sub).map((i) => ({ id: i.id, price: i.price as StripeObject, quantity: i.quantity as number })), period)];
    invoiceSubscription(engine, sub, lines, 'subscription_cycle', period);
    return sub;
  });

  router.on('GET', '/v1/subscriptions', ({ params: p, url }) => {
    const customer = str(p, 'customer');
    const price = str(p, 'price');
    const status = str(p, 'status');
    const clock = str(p, 'test_clock');
    return listOf(engine, 'subscription', p, url, (s) =>
      (!customer || s.customer === customer) &&
      (!clock || s.test_clock === clock) &&
      (!price || itemsOf(s).some((i) => i.price.id === price)) &&
      (status === 'all' ? true : status === 'ended' ? ['canceled', 'incomplete_expired'].includes(s.status as string) : status ? s.status === status : s.status !== 'canceled' && s.status !== 'incomplete_expired'),
    );
  });

  router.on('GET', '/v1/subscription_items/:id', ({ path }) => {
    for (const s of engine.store.list('subscription')) {
      const item = itemsOf(s).find((i) => i.id === path.id);
      if (item) return item;
    }
    return engine.store.require('subscription_item', path.id);
  });
  router.on('GET', '/v1/subscription_items', ({ params: p, url }) => {
    const sub = engine.store.require('subscription', reqStr(p, 'subscription'), 'subscription');
    return { ...listOf(engine, 'none', p, url), data: itemsOf(sub), has_more: false };
  });
}

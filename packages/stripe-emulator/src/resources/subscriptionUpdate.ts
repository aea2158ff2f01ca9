import type { StripeObject } from '../store.js';
import { nextPeriodEnd } from '../billing/periods.js';
import { planItemUpdate } from '../billing/proration.js';
import { newInvoiceItem, newSubscriptionItem, pendingItemLines, periodLines, periodOf, planFromPrice, setItems, setPeriod } from '../billing/subscriptionItems.js';
import { endTrial, invoiceSubscription } from '../billing/subscriptionLifecycle.js';
import { resolvePaymentMethod } from '../billing/testCards.js';
import { invalidRequest } from '../wire/errors.js';
import { bool, int, mergeMetadata, obj, objArr, oneOf, str, type Params } from '../wire/params.js';
import type { Api } from './common.js';
import { discountsFrom, pauseFrom, PRORATION } from './subscriptionParams.js';

/** POST /v1/subscriptions/:id: field changes, plan changes with prorations, trial and cancellation changes. */
export function updateSubscription(api: Api, id: string, p: Params): StripeObject {
  const { engine } = api;
  const sub = engine.store.require('subscription', id);
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
  const newDiscounts = discountsFrom(engine, p, sub.customer as string, sub.id, now);
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
}

import type { StripeObject } from '../store.js';
import { nextPeriodEnd } from '../billing/periods.js';
import { itemsOf, pendingItemLines, periodLines, setPeriod } from '../billing/subscriptionItems.js';
import { cancelSubscriptionNow, invoiceSubscription } from '../billing/subscriptionLifecycle.js';
import { invalidRequest } from '../wire/errors.js';
import { bool, obj, str } from '../wire/params.js';
import { listOf, type Api } from './common.js';
import { createSubscription } from './subscriptionCreate.js';
import { updateSubscription } from './subscriptionUpdate.js';

/** Subscriptions: create and update (own files), cancel, pause, resume, list. */
export function registerSubscriptions(api: Api): void {
  const { engine, router } = api;

  router.on('POST', '/v1/subscriptions', ({ params: p }) => createSubscription(api, p));

  router.on('GET', '/v1/subscriptions/:id', ({ path }) => engine.store.require('subscription', path.id));

  router.on('POST', '/v1/subscriptions/:id', ({ path, params: p }) => updateSubscription(api, path.id!, p));

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
}

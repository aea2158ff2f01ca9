import type { StripeObject } from '../store.js';
import { confirmPaymentIntent, newPaymentIntent } from '../billing/payments.js';
import { resolvePaymentMethod } from '../billing/testCards.js';
import { cardError, invalidRequest } from '../wire/errors.js';
import { bool, int, mergeMetadata, reqStr, str } from '../wire/params.js';
import { listOf, type Api } from './common.js';
import { getCustomer } from './customers.js';

/** A declined confirmation answers 402 card_error carrying the PaymentIntent, as Stripe does. */
function confirmOrThrow(api: Api, pi: StripeObject): StripeObject {
  if (!pi.payment_method) {
    throw invalidRequest('You cannot confirm this PaymentIntent because it\'s missing a payment method.', 'payment_method', 'payment_intent_unexpected_state');
  }
  const pm = api.engine.store.get('payment_method', pi.payment_method as string);
  const outcome = confirmPaymentIntent(api.engine, pi);
  if (outcome.declined) {
    throw cardError(outcome.declined.message, outcome.declined.declineCode, {
      charge: outcome.charge?.id,
      payment_intent: structuredClone(pi),
      payment_method: pm ? structuredClone(pm) : undefined,
    });
  }
  return pi;
}

/** PaymentIntents: one-off payments, confirmed against the test cards. */
export function registerPaymentIntents(api: Api): void {
  const { engine, router } = api;

  router.on('POST', '/v1/payment_intents', ({ params: p }) => {
    const amount = int(p, 'amount');
    if (amount === undefined) throw invalidRequest('Missing required param: amount.', 'amount', 'parameter_missing');
    if (amount < 50) throw invalidRequest('Amount must be at least $0.50 usd', 'amount', 'amount_too_small');
    const customerId = str(p, 'customer') ?? null;
    if (customerId) getCustomer(api, customerId);
    const pmParam = str(p, 'payment_method');
    const pm = pmParam ? resolvePaymentMethod(engine, pmParam, customerId) : null;
    const pi = newPaymentIntent(engine, {
      amount,
      currency: reqStr(p, 'currency').toLowerCase(),
      customer: customerId,
      paymentMethod: pm?.id ?? null,
      description: str(p, 'description') ?? null,
      metadata: mergeMetadata({}, p),
    });
    if (bool(p, 'confirm')) confirmOrThrow(api, pi);
    return pi;
  });

  router.on('GET', '/v1/payment_intents/:id', ({ path }) => engine.store.require('payment_intent', path.id));

  router.on('POST', '/v1/payment_intents/:id', ({ path, params: p }) => {
    const pi = engine.store.require('payment_intent', path.id);
    engine.update(pi, null, (x) => {
      if ('description' in p) x.description = str(p, 'description') ?? null;
      x.metadata = mergeMetadata(x.metadata as Record<string, string>, p);
      const pm = str(p, 'payment_method');
      if (pm) x.payment_method = resolvePaymentMethod(engine, pm, x.customer as string | null).id;
    });
    return pi;
  });

  router.on('POST', '/v1/payment_intents/:id/confirm', ({ path, params: p }) => {
    const pi = engine.store.require('payment_intent', path.id);
    if (pi.status === 'succeeded' || pi.status === 'canceled') {
      throw invalidRequest(`This PaymentIntent's status is ${pi.status}, so it cannot be confirmed.`, undefined, 'payment_intent_unexpected_state');
    }
    const pm = str(p, 'payment_method');
    if (pm) pi.payment_method = resolvePaymentMethod(engine, pm, pi.customer as string | null).id;
    return confirmOrThrow(api, pi);
  });

  router.on('POST', '/v1/payment_intents/:id/cancel', ({ path, params: p }) => {
    const pi = engine.store.require('payment_intent', path.id);
    if (pi.status === 'succeeded' || pi.status === 'canceled') {
      throw invalidRequest(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`, undefined, 'payment_intent_unexpected_state');
    }
    engine.update(pi, 'payment_intent.canceled', (x) => {
      x.status = 'canceled';
      x.canceled_at = engine.now(x.customer as string | null);
      x.cancellation_reason = str(p, 'cancellation_reason') ?? 'requested_by_customer';
    });
    return pi;
  });

  router.on('GET', '/v1/payment_intents', ({ params: p, url }) => {
    const customer = str(p, 'customer');
    return listOf(engine, 'payment_intent', p, url, (x) => !customer || x.customer === customer);
  });
}

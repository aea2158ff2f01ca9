import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { formatMoney } from '../billing/subscriptionItems.js';
import { invalidRequest, missingParam } from '../wire/errors.js';
import { int, mergeMetadata, oneOf, str } from '../wire/params.js';
import { listOf, type Api } from './common.js';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

/**
 * Refund part or all of a charge. Partial refunds add up; asking for more than what is
 * left fails with the remaining amount in the message (param `amount`).
 */
export function createRefund(engine: Engine, charge: StripeObject, input: { amount?: number; reason?: string | null; metadata?: Record<string, string> }): StripeObject {
  const remaining = (charge.amount_captured as number) - (charge.amount_refunded as number);
  if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${charge.id} has not succeeded, so it cannot be refunded.`, 'charge');
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, 'charge', 'charge_disputed');
  if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, 'charge', 'charge_already_refunded');
  const amount = input.amount ?? remaining;
  if (amount <= 0) throw invalidRequest('Refund amount must be positive.', 'amount');
  if (amount > remaining) {
    const cur = charge.currency as string;
    throw invalidRequest(
      `Refund amount (${formatMoney(amount, cur)}) is greater than unrefunded amount on charge (${formatMoney(remaining, cur)})`,
      'amount',
      'amount_too_large',
    );
  }
  const refund: StripeObject = {
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: engine.now(charge.customer as string | null),
    currency: charge.currency,
    customer: charge.customer ?? null,
    customer_account: null,
    destination_details: { card: { reference: null, reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    metadata: input.metadata ?? {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method ?? null,
    reason: input.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  engine.store.insert(refund);
  engine.update(charge, 'charge.refunded', (c) => {
    c.amount_refunded = (c.amount_refunded as number) + amount;
    c.refunded = c.amount_refunded === c.amount_captured;
  });
  engine.bus.emit('refund.created', refund);
  return refund;
}

export function registerRefunds(api: Api): void {
  const { engine, router } = api;

  router.on('POST', '/v1/refunds', ({ params: p }) => {
    const chargeId = str(p, 'charge');
    const piId = str(p, 'payment_intent');
    let charge: StripeObject;
    if (chargeId) charge = engine.store.require('charge', chargeId, 'charge');
    else if (piId) {
      const pi = engine.store.require('payment_intent', piId, 'payment_intent');
      if (!pi.latest_charge || pi.status !== 'succeeded') throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, 'payment_intent');
      charge = engine.store.require('charge', pi.latest_charge);
    } else throw missingParam('charge');
    return createRefund(engine, charge, {
      ...(int(p, 'amount') !== undefined ? { amount: int(p, 'amount')! } : {}),
      reason: oneOf(p, 'reason', REASONS) ?? null,
      metadata: mergeMetadata({}, p),
    });
  });
  router.on('GET', '/v1/refunds/:id', ({ path }) => engine.store.require('refund', path.id));
  router.on('POST', '/v1/refunds/:id', ({ path, params: p }) => {
    const r = engine.store.require('refund', path.id);
    engine.update(r, 'refund.updated', (x) => (x.metadata = mergeMetadata((x.metadata as Record<string, string>) ?? {}, p)));
    return r;
  });
  router.on('GET', '/v1/refunds', ({ params: p, url }) => {
    const charge = str(p, 'charge');
    const pi = str(p, 'payment_intent');
    return listOf(engine, 'refund', p, url, (x) => (!charge || x.charge === charge) && (!pi || x.payment_intent === pi));
  });
  router.on('GET', '/v1/charges/:id/refunds', ({ path, params: p, url }) => {
    engine.store.require('charge', path.id);
    return listOf(engine, 'refund', p, url, (x) => x.charge === path.id);
  });
}

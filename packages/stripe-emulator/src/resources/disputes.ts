import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { invalidRequest } from '../wire/errors.js';
import { mergeMetadata, obj, str } from '../wire/params.js';
import { listOf, type Api } from './common.js';

const EMPTY_EVIDENCE_FIELDS = ['access_activity_log', 'billing_address', 'cancellation_policy', 'cancellation_policy_disclosure', 'cancellation_rebuttal', 'customer_communication', 'customer_email_address', 'customer_name', 'customer_purchase_ip', 'customer_signature', 'duplicate_charge_documentation', 'duplicate_charge_explanation', 'duplicate_charge_id', 'product_description', 'receipt', 'refund_policy', 'refund_policy_disclosure', 'refund_refusal_explanation', 'service_date', 'service_documentation', 'shipping_address', 'shipping_carrier', 'shipping_date', 'shipping_documentation', 'shipping_tracking_number', 'uncategorized_file', 'uncategorized_text'];

/** Disputes only arise from the emulator helper (no real cardholder here). */
export function openDispute(engine: Engine, chargeId: string, reason = 'fraudulent'): StripeObject {
  const charge = engine.store.require('charge', chargeId, 'charge');
  if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${chargeId} has not succeeded and cannot be disputed.`, 'charge');
  if (charge.disputed) throw invalidRequest(`Charge ${chargeId} is already disputed.`, 'charge');
  const now = engine.now(charge.customer as string | null);
  const evidence = Object.fromEntries(EMPTY_EVIDENCE_FIELDS.map((f) => [f, null]));
  const dispute: StripeObject = {
    id: newId('dp'),
    object: 'dispute',
    amount: (charge.amount_captured as number) - (charge.amount_refunded as number),
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: { ...evidence, enhanced_evidence: {} },
    evidence_details: { due_by: now + 7 * 86400, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0 },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: { card: { brand: charge.payment_method_details?.card?.brand ?? 'visa', case_type: 'chargeback', network_reason_code: '10.4' }, type: 'card' },
    reason,
    status: 'needs_response',
  };
  engine.store.insert(dispute);
  engine.update(charge, 'charge.updated', (c) => (c.disputed = true));
  engine.bus.emit('charge.dispute.created', dispute);
  return dispute;
}

export function closeDispute(engine: Engine, dispute: StripeObject, status: 'won' | 'lost'): StripeObject {
  if (dispute.status === 'won' || dispute.status === 'lost') throw invalidRequest('This dispute is already closed.', 'dispute');
  engine.update(dispute, null, (d) => (d.status = status));
  engine.bus.emit('charge.dispute.closed', dispute, { previous: { status: 'needs_response' } });
  return dispute;
}

export function registerDisputes(api: Api): void {
  const { engine, router } = api;
  router.on('GET', '/v1/disputes/:id', ({ path }) => engine.store.require('dispute', path.id));
  router.on('POST', '/v1/disputes/:id', ({ path, params: p }) => {
    const d = engine.store.require('dispute', path.id);
    engine.update(d, 'charge.dispute.updated', (x) => {
      const ev = obj(p, 'evidence');
      if (ev) x.evidence = { ...x.evidence, ...ev };
      x.metadata = mergeMetadata(x.metadata as Record<string, string>, p);
      if (str(p, 'submit') === 'true') x.status = 'under_review';
    });
    return d;
  });
  // Accepting a dispute (close) means it is lost.
  router.on('POST', '/v1/disputes/:id/close', ({ path }) => closeDispute(engine, engine.store.require('dispute', path.id), 'lost'));
  router.on('GET', '/v1/disputes', ({ params: p, url }) => {
    const charge = str(p, 'charge');
    return listOf(engine, 'dispute', p, url, (x) => !charge || x.charge === charge);
  });
}

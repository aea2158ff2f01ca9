import { randomBytes } from 'node:crypto';
import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';

export interface PaymentOutcome {
  paymentIntent: StripeObject;
  charge: StripeObject | null;
  declined: { code: string; declineCode: string; message: string } | null;
}

export function newPaymentIntent(
  engine: Engine,
  input: { amount: number; currency: string; customer: string | null; paymentMethod: string | null; description?: string | null; metadata?: Record<string, string> },
): StripeObject {
  const id = newId('pi');
  const pi: StripeObject = {
    id,
    object: 'payment_intent',
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
    confirmation_method: 'automatic',
    created: engine.now(input.customer),
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    description: input.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  engine.store.insert(pi);
  engine.bus.emit('payment_intent.created', pi);
  return pi;
}

/** Confirm a PaymentIntent with its payment method: creates the Charge, succeeded or failed. */
export function confirmPaymentIntent(engine: Engine, pi: StripeObject): PaymentOutcome {
  const pm = engine.store.get('payment_method', pi.payment_method as string);
  const behaviour = pm ? engine.cardBehaviour.get(pm.id) : undefined;
  const declineCode = behaviour?.declineCode ?? null;
  const charge = newCharge(engine, pi, pm ?? null, declineCode, behaviour?.message ?? null);
  const before = structuredClone(pi);
  pi.latest_charge = charge.id;
  if (!declineCode) {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    pi.last_payment_error = null;
    engine.bus.emit('charge.succeeded', charge);
    engine.bus.emit('payment_intent.succeeded', pi, { previous: { status: before.status, amount_received: before.amount_received } });
    return { paymentIntent: pi, charge, declined: null };
  }
  const code = declineCode === 'expired_card' ? 'expired_card' : 'card_declined';
  const message = behaviour?.message ?? 'Your card was declined.';
  pi.status = 'requires_payment_method';
  pi.last_payment_error = {
    type: 'card_error',
    code,
    decline_code: declineCode,
    message,
    charge: charge.id,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
    payment_method: pm ? structuredClone(pm) : null,
  };
  pi.payment_method = null;
  engine.bus.emit('charge.failed', charge);
  engine.bus.emit('payment_intent.payment_failed', pi, { previous: { status: before.status } });
  return { paymentIntent: pi, charge, declined: { code, declineCode, message } };
}

function newCharge(engine: Engine, pi: StripeObject, pm: StripeObject | null, declineCode: string | null, message: string | null): StripeObject {
  const ok = !declineCode;
  const charge: StripeObject = {
    id: newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: ok ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: ok ? newId('txn') : null,
    billing_details: pm?.billing_details ?? { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'OPSDESK',
    captured: ok,
    created: engine.now(pi.customer),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: ok ? null : declineCode === 'expired_card' ? 'expired_card' : 'card_declined',
    failure_message: ok ? null : message,
    fraud_details: {},
    livemode: false,
    metadata: pi.metadata ?? {},
    on_behalf_of: null,
    outcome: ok
      ? { advice_code: null, network_advice_code: null, network_decline_code: null, network_status: 'approved_by_network', reason: null, risk_level: 'normal', risk_score: 32, seller_message: 'Payment complete.', type: 'authorized' }
      : {
          advice_code: 'do_not_try_again',
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'declined_by_network',
          reason: declineCode,
          risk_level: 'normal',
          risk_score: 32,
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        },
    paid: ok,
    payment_intent: pi.id,
    payment_method: pm?.id ?? null,
    payment_method_details: pm ? { card: { ...pm.card, amount_authorized: ok ? pi.amount : null, network_token: { used: false } }, type: 'card' } : null,
    receipt_email: null,
    receipt_number: null,
    receipt_url: `https://pay.stripe.com/receipts/emulator/${pi.id}`,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: ok ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  };
  return engine.store.insert(charge);
}

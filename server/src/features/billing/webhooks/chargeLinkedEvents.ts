import type Stripe from 'stripe';
import { idOf } from '../mirror/time.js';

/**
 * Stripe events whose object hangs off a payment and names no customer: refunds, disputes
 * (whose evidence holds the cardholder's name, email, addresses, phone and messages),
 * reviews (IP address and location) and early fraud warnings. Their object has `charge`
 * and `payment_intent`, and they belong to the customer of that charge as the mirror
 * records it (`billing.charges`). The GDPR erasure masks them with the customer's other
 * ledger events, and the webhook drain keeps late ones out of the mirror (docs/gdpr.md,
 * "Stripe"). Listed by type rather than recognised by their fields: the ledger indexes the
 * charge and payment intent of these types only (migration 0032, partial on this list), so
 * neither the erasure nor a drain pass reads every payload. Changing the list needs a new
 * migration that rebuilds those indexes; ledgerChargeLinks.plans.test.ts fails until then.
 */
export const CHARGE_LINKED_EVENT_TYPES = [
  'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_reinstated', 'charge.dispute.funds_withdrawn',
  'charge.refund.updated', 'refund.created', 'refund.updated', 'refund.failed',
  'review.opened', 'review.closed',
  'radar.early_fraud_warning.created', 'radar.early_fraud_warning.updated',
] as const;

const CHARGE_LINKED = new Set<string>(CHARGE_LINKED_EVENT_TYPES);

/**
 * The objects of those events, by their `object`: listed or fetched from the API (the
 * backfill, an export's refresh), they are the customer's of their charge as well.
 */
const CHARGE_LINKED_OBJECTS = new Set(['refund', 'dispute', 'review', 'radar.early_fraud_warning']);

export interface PaymentOf {
  chargeId: string | null;
  paymentIntentId: string | null;
}

/** The charge and payment intent a charge-linked event's object points to; null for any other event. */
export function paymentOfEvent(event: Stripe.Event): PaymentOf | null {
  return CHARGE_LINKED.has(event.type) ? paymentFields(event.data.object) : null;
}

/** The charge and payment intent a refund, dispute, review or early fraud warning points to; null for any other object. */
export function paymentOfObject(object: object): PaymentOf | null {
  const type = (object as { object?: unknown }).object;
  return typeof type === 'string' && CHARGE_LINKED_OBJECTS.has(type) ? paymentFields(object) : null;
}

function paymentFields(object: object): PaymentOf | null {
  const fields = object as { charge?: string | { id?: string } | null; payment_intent?: string | { id?: string } | null };
  const payment = { chargeId: idOf(fields.charge), paymentIntentId: idOf(fields.payment_intent) };
  return payment.chargeId || payment.paymentIntentId ? payment : null;
}

import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import type { TestApp } from '../../../../testing/testApp.js';
import { inboxWorkersIdle } from '../../../billing/webhooks/inboxWorker.js';
import type { MarkedSubject } from './markedSubject.js';

/**
 * Refunds and disputes of a marked subject's paid charge, for the erasure's proofs about
 * payment events that name no customer (docs/gdpr.md, "Stripe"). Stripe's refund and
 * dispute objects point to their charge and payment intent only; the emulator's refund
 * also carries `customer`, so refund events are delivered again as Stripe sends them,
 * signed, through the app's endpoint (`deliverSigned`).
 */
export interface DisputedPayment {
  chargeId: string;
  refund: Stripe.Refund;
  dispute: Stripe.Dispute;
  /** The events Stripe sent about them, without `customer` (the ledger holds them so). */
  refundEvent: Stripe.Event;
  disputeEvent: Stripe.Event;
}

/** Evidence a merchant submits on a dispute: the cardholder's name, email, addresses, IP and their messages. */
export const evidenceNaming = (subject: MarkedSubject): Stripe.DisputeUpdateParams.Evidence => ({
  customer_name: `Person ${subject.marker}`,
  customer_email_address: subject.email,
  billing_address: `${subject.marker} Street 1, 10115 Berlin`,
  shipping_address: `${subject.marker} Street 1, 10115 Berlin`,
  customer_purchase_ip: '203.0.113.7',
  customer_communication: `Mail from ${subject.marker}: I did order this.`,
  uncategorized_text: `Phone call with ${subject.marker}, +49 30 ${subject.marker}`,
});

/**
 * Refunds part of the subject's first paid charge and opens a dispute on the rest; with
 * `evidence`, the dispute's evidence names them and the refund's metadata too. Returns
 * once every event is delivered and applied.
 */
export async function disputePaymentOf(app: TestApp, base: string, subject: MarkedSubject, options: { evidence: boolean }): Promise<DisputedPayment> {
  const stripe = app.deps.stripe;
  const emulator = app.billing.emulator!;
  const [charge] = (await stripe.charges.list({ customer: subject.stripeCustomerId, limit: 1 })).data;
  if (!charge) throw new Error(`${subject.stripeCustomerId} has no charge to dispute`);
  const refund = await stripe.refunds.create({ charge: charge.id, amount: 100, ...(options.evidence ? { metadata: { note: `Goodwill for ${subject.marker}` } } : {}) });
  const opened = emulator.helpers.openDispute(charge.id);
  const dispute = options.evidence ? await stripe.disputes.update(opened.id, { evidence: evidenceNaming(subject) }) : await stripe.disputes.retrieve(opened.id);
  await emulator.webhooksIdle();

  const refundCreated = emulator.events.find((e) => e.type === 'refund.created' && (e.data as { object: { id: string } }).object.id === refund.id) as unknown as Stripe.Event;
  const { customer: _customer, ...asStripeSendsIt } = refund;
  const refundEvent = { ...refundCreated, id: `evt_${randomBytes(12).toString('hex')}`, type: 'refund.updated', data: { object: asStripeSendsIt } } as unknown as Stripe.Event;
  expect200(await deliverSigned(app, base, refundEvent));
  await inboxWorkersIdle();

  const disputeType = options.evidence ? 'charge.dispute.updated' : 'charge.dispute.created';
  const disputeEvent = emulator.events.findLast((e) => e.type === disputeType && (e.data as { object: { id: string } }).object.id === dispute.id) as unknown as Stripe.Event;
  return { chargeId: charge.id, refund, dispute, refundEvent, disputeEvent };
}

/** Delivers an event to the app's webhook endpoint as Stripe does: signed with the endpoint's secret. */
export async function deliverSigned(app: TestApp, base: string, event: Stripe.Event): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = JSON.stringify(event);
  const signature = app.deps.stripe.webhooks.generateTestHeaderString({ payload, secret: app.deps.stripeWebhookSecret });
  const response = await fetch(`${base}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function expect200(delivery: { status: number; body: Record<string, unknown> }): void {
  if (delivery.status !== 200) throw new Error(`the webhook endpoint answered ${delivery.status}: ${JSON.stringify(delivery.body)}`);
}

import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from './index.js';
import { startWithClient } from './testSupport.js';

describe('refunds', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  beforeAll(async () => {
    ({ emulator, stripe } = await startWithClient());
  });
  afterAll(() => emulator.stop());

  async function paidCharge(amount: number): Promise<Stripe.Charge> {
    const customer = await stripe.customers.create({ email: 'refund@example.com' });
    const pi = await stripe.paymentIntents.create({ amount, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
    expect(pi.status).toBe('succeeded');
    return stripe.charges.retrieve(pi.latest_charge as string);
  }

  it('refunds a charge in full', async () => {
    const charge = await paidCharge(4200);
    const refund = await stripe.refunds.create({ charge: charge.id, reason: 'requested_by_customer' });
    expect(refund).toMatchObject({ amount: 4200, status: 'succeeded', reason: 'requested_by_customer', charge: charge.id });
    const after = await stripe.charges.retrieve(charge.id);
    expect(after.refunded).toBe(true);
    expect(after.amount_refunded).toBe(4200);
  });

  it('adds up partial refunds and caps them at the charge amount', async () => {
    const charge = await paidCharge(5000);
    await stripe.refunds.create({ charge: charge.id, amount: 1000, reason: 'duplicate' });
    await stripe.refunds.create({ payment_intent: charge.payment_intent as string, amount: 1500 });
    let after = await stripe.charges.retrieve(charge.id, { expand: ['refunds'] });
    expect(after.amount_refunded).toBe(2500);
    expect(after.refunded).toBe(false);
    expect(after.refunds?.data).toHaveLength(2);

    const err = await stripe.refunds.create({ charge: charge.id, amount: 3000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const e = err as Stripe.errors.StripeInvalidRequestError;
    expect(e.statusCode).toBe(400);
    expect(e.param).toBe('amount');
    expect(e.message).toContain('$25.00');

    await stripe.refunds.create({ charge: charge.id, amount: 2500, reason: 'fraudulent' });
    after = await stripe.charges.retrieve(charge.id);
    expect(after.refunded).toBe(true);
    const again = await stripe.refunds.create({ charge: charge.id }).catch((x: Stripe.errors.StripeError) => x);
    expect((again as Stripe.errors.StripeError).code).toBe('charge_already_refunded');

    const refunds = await stripe.refunds.list({ charge: charge.id });
    expect(refunds.data.map((r) => r.amount)).toEqual([2500, 1500, 1000]);
    const types = emulator.events.filter((ev) => (ev.data.object.charge ?? ev.data.object.id) === charge.id).map((ev) => ev.type);
    expect(types.filter((t) => t === 'charge.refunded')).toHaveLength(3);
    expect(emulator.events.filter((ev) => ev.type === 'refund.created' && ev.data.object.charge === charge.id)).toHaveLength(3);
  });

  it('refuses refunds on a disputed charge; disputes open and close with events', async () => {
    const charge = await paidCharge(3000);
    const dispute = emulator.helpers.openDispute(charge.id, 'fraudulent');
    expect((await stripe.charges.retrieve(charge.id)).disputed).toBe(true);
    const err = (await stripe.refunds.create({ charge: charge.id }).catch((e: Stripe.errors.StripeError) => e)) as Stripe.errors.StripeError;
    expect(err.code).toBe('charge_disputed');
    const closed = await stripe.disputes.close(dispute.id);
    expect(closed.status).toBe('lost');
    const types = (await stripe.events.list({ types: ['charge.dispute.created', 'charge.dispute.closed'] })).data.map((e) => e.type);
    expect(types).toEqual(['charge.dispute.closed', 'charge.dispute.created']);
  });

  it('credit notes on paid invoices refund or credit the balance', async () => {
    const customer = await stripe.customers.create({ invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const product = await stripe.products.create({ name: 'Addon' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 8000, recurring: { interval: 'year' } });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const invoiceId = sub.latest_invoice as string;
    const cn = await stripe.creditNotes.create({ invoice: invoiceId, amount: 3000, refund_amount: 1000, reason: 'order_change' });
    expect(cn).toMatchObject({ amount: 3000, type: 'post_payment', status: 'issued' });
    expect(cn.refunds).toHaveLength(1);
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ balance: -2000 });
    const list = await stripe.creditNotes.list({ invoice: invoiceId });
    expect(list.data.map((c) => c.id)).toEqual([cn.id]);
    const txns = await stripe.customers.listBalanceTransactions(customer.id);
    expect(txns.data[0]).toMatchObject({ type: 'credit_note', amount: -2000, credit_note: cn.id });
  });
});

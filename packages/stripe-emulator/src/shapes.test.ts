import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from './index.js';
import { startWithClient } from './testSupport.js';

/**
 * Results are typed with the SDK's own types (this file must type-check), and the fields of
 * the pinned API version are present at runtime.
 */
describe('object shapes of the pinned API version', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  let sub: Stripe.Subscription;
  beforeAll(async () => {
    ({ emulator, stripe } = await startWithClient());
    const customer = await stripe.customers.create({ email: 'shape@example.com', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const product = await stripe.products.create({ name: 'Shape' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2500, recurring: { interval: 'month' } });
    const coupon = await stripe.coupons.create({ percent_off: 20, duration: 'repeating', duration_in_months: 3 });
    sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      discounts: [{ coupon: coupon.id }],
      expand: ['latest_invoice.payments.data.payment.payment_intent', 'customer', 'default_payment_method', 'discounts'],
    });
  });
  afterAll(() => emulator.stop());

  it('Subscription: periods on items, expanded customer and invoice', () => {
    const s: Stripe.Subscription = sub;
    expect(s.id).toMatch(/^sub_/);
    expect(s.object).toBe('subscription');
    expect(s.livemode).toBe(false);
    const item: Stripe.SubscriptionItem = s.items.data[0]!;
    expect(item.id).toMatch(/^si_/);
    expect(typeof item.current_period_start).toBe('number');
    expect(item.current_period_end).toBeGreaterThan(item.current_period_start);
    expect(item.price.unit_amount).toBe(2500);
    expect(item.plan.interval).toBe('month');
    expect((s.customer as Stripe.Customer).email).toBe('shape@example.com');
    expect(s.default_payment_method).toBeNull();
    const discount = s.discounts[0] as Stripe.Discount;
    expect(discount.source.coupon).toMatchObject({ percent_off: 20 });
    expect('current_period_end' in s).toBe(false);
  });

  it('Invoice: payments instead of charge, parent.subscription_details, discounted totals', () => {
    const inv = sub.latest_invoice as Stripe.Invoice;
    expect(inv.id).toMatch(/^in_/);
    expect(inv.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(inv.subtotal).toBe(2500);
    expect(inv.total).toBe(2000);
    expect(inv.amount_paid).toBe(2000);
    expect(inv.amount_remaining).toBe(0);
    expect(inv.total_discount_amounts?.[0]?.amount).toBe(500);
    expect(inv.status_transitions.paid_at).toBeTypeOf('number');
    const line: Stripe.InvoiceLineItem = inv.lines.data[0]!;
    expect(line.id).toMatch(/^il_/);
    expect(line.pricing?.price_details?.price).toBe(sub.items.data[0]!.price.id);
    const payment: Stripe.InvoicePayment = inv.payments!.data[0]!;
    expect(payment.id).toMatch(/^inpay_/);
    const pi = payment.payment.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe('succeeded');
    expect('charge' in inv).toBe(false);
    expect('subscription' in inv).toBe(false);
  });

  it('Charge, Event, Customer, balance transactions', async () => {
    const inv = sub.latest_invoice as Stripe.Invoice;
    const pi = inv.payments!.data[0]!.payment.payment_intent as Stripe.PaymentIntent;
    const charge: Stripe.Charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.id).toMatch(/^ch_/);
    expect(charge.payment_method_details?.card?.last4).toBe('4242');
    expect(charge.amount_refunded).toBe(0);
    expect(charge.disputed).toBe(false);
    const customerId = (sub.customer as Stripe.Customer).id;
    const txn: Stripe.CustomerBalanceTransaction = await stripe.customers.createBalanceTransaction(customerId, { amount: -700, currency: 'usd', description: 'goodwill' });
    expect(txn.id).toMatch(/^cbtxn_/);
    expect(txn.ending_balance).toBe(-700);
    const customer = (await stripe.customers.retrieve(customerId)) as Stripe.Customer;
    expect(customer.balance).toBe(-700);
    const events = await stripe.events.list({ type: 'customer.updated', limit: 1 });
    const event: Stripe.Event = events.data[0]!;
    expect(event.id).toMatch(/^evt_/);
    expect(event.api_version).toBe('2026-10-28.endive');
    expect(event.data.previous_attributes).toMatchObject({ balance: 0 });
    const created = await stripe.events.list({ created: { gte: event.created }, types: ['customer.updated'] });
    expect(created.data.map((e) => e.id)).toContain(event.id);
  });

  it('pause_collection and cancel_at_period_end round-trip', async () => {
    let s: Stripe.Subscription = await stripe.subscriptions.update(sub.id, { pause_collection: { behavior: 'void' } });
    expect(s.pause_collection?.behavior).toBe('void');
    s = await stripe.subscriptions.update(sub.id, { pause_collection: '', cancel_at_period_end: true });
    expect(s.pause_collection).toBeNull();
    expect(s.cancel_at_period_end).toBe(true);
    expect(s.cancel_at).toBe(s.items.data[0]!.current_period_end);
  });
});

import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from './index.js';
import { DAY, startWithClient } from './testSupport.js';

/** The whole life of a subscription, driven by a test clock through the official SDK. */
describe('subscription lifecycle through a test clock', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  const T0 = Date.UTC(2026, 0, 1) / 1000;

  beforeAll(async () => {
    ({ emulator, stripe } = await startWithClient());
  });
  afterAll(() => emulator.stop());

  it('trial → paid → upgrade with proration → failed renewal → recovery → cancel', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: T0, name: 'lifecycle' });
    const customer = await stripe.customers.create({ email: 'life@example.com', test_clock: clock.id, payment_method: 'pm_card_visa' });
    const pm = (await stripe.paymentMethods.list({ customer: customer.id })).data[0]!;
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
    const product = await stripe.products.create({ name: 'Opsdesk Team' });
    const basic = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1000, recurring: { interval: 'month' } });
    const premium = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 3000, recurring: { interval: 'month' } });

    // Trial: a $0 invoice, status trialing, period = trial.
    let sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: basic.id }], trial_period_days: 14, expand: ['latest_invoice'] });
    expect(sub.status).toBe('trialing');
    expect(sub.trial_end).toBe(T0 + 14 * DAY);
    expect(sub.items.data[0]!.current_period_end).toBe(T0 + 14 * DAY);
    expect((sub.latest_invoice as Stripe.Invoice).amount_due).toBe(0);
    expect((sub.latest_invoice as Stripe.Invoice).status).toBe('paid');

    // Trial end: trial_will_end 3 days before, then the first real invoice is paid.
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: T0 + 15 * DAY });
    sub = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice.payments'] });
    expect(sub.status).toBe('active');
    const firstPaid = sub.latest_invoice as Stripe.Invoice;
    expect(firstPaid.status).toBe('paid');
    expect(firstPaid.amount_paid).toBe(1000);
    expect(firstPaid.billing_reason).toBe('subscription_cycle');
    expect(firstPaid.payments!.data[0]!.payment.type).toBe('payment_intent');
    const periodStart = T0 + 14 * DAY;
    const periodEnd = Date.UTC(2026, 1, 15) / 1000;
    expect(sub.items.data[0]!.current_period_start).toBe(periodStart);
    expect(sub.items.data[0]!.current_period_end).toBe(periodEnd);

    // Upgrade with proration: the preview amount is exactly what the update invoices.
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: T0 + 24 * DAY });
    const prorationDate = T0 + 24 * DAY;
    const item = sub.items.data[0]!;
    const preview = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: { items: [{ id: item.id, price: premium.id }], proration_date: prorationDate, proration_behavior: 'always_invoice' },
    });
    const share = (periodEnd - prorationDate) / (periodEnd - periodStart);
    expect(preview.amount_due).toBe(Math.round(3000 * share) - Math.round(1000 * share));
    sub = await stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price: premium.id }],
      proration_behavior: 'always_invoice',
      proration_date: prorationDate,
      expand: ['latest_invoice'],
    });
    const upgradeInvoice = sub.latest_invoice as Stripe.Invoice;
    expect(upgradeInvoice.billing_reason).toBe('subscription_update');
    expect(upgradeInvoice.amount_due).toBe(preview.amount_due);
    expect(upgradeInvoice.status).toBe('paid');
    expect(upgradeInvoice.lines.data.every((l) => l.parent?.subscription_item_details?.proration)).toBe(true);
    expect(sub.items.data[0]!.price.id).toBe(premium.id);
    expect(sub.items.data[0]!.id).toBe(item.id);

    // Failed payment: a declining default card, renewal fails, subscription goes past_due.
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: 'pm_card_chargeDeclined' } });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + DAY });
    sub = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(sub.status).toBe('past_due');
    const failed = sub.latest_invoice as Stripe.Invoice;
    expect(failed.status).toBe('open');
    expect(failed.amount_due).toBe(3000);
    expect(failed.attempt_count).toBe(1);
    expect(failed.next_payment_attempt).toBe(periodEnd + 3 * DAY);

    // Recovery: a good card, the scheduled retry pays, subscription active again.
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: 'pm_card_visa' } });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + 4 * DAY });
    const recovered = await stripe.invoices.retrieve(failed.id);
    expect(recovered.status).toBe('paid');
    expect(recovered.attempt_count).toBe(2);
    sub = await stripe.subscriptions.retrieve(sub.id);
    expect(sub.status).toBe('active');

    // Cancel now.
    sub = await stripe.subscriptions.cancel(sub.id);
    expect(sub.status).toBe('canceled');
    expect(sub.ended_at).toBe(periodEnd + 4 * DAY);

    const invoices = await stripe.invoices.list({ subscription: sub.id });
    expect(invoices.data.map((i) => [i.billing_reason, i.status])).toEqual([
      ['subscription_cycle', 'paid'],
      ['subscription_update', 'paid'],
      ['subscription_cycle', 'paid'],
      ['subscription_create', 'paid'],
    ]);

    const events: Stripe.Event[] = [];
    for await (const e of stripe.events.list({ limit: 100 })) events.push(e);
    const relevant = events
      .reverse()
      .filter((e) => e.type.startsWith('customer.subscription.') || ['invoice.paid', 'invoice.payment_failed', 'invoice.upcoming'].includes(e.type))
      .map((e) => e.type);
    expect(relevant).toEqual([
      'customer.subscription.created',
      'invoice.paid',
      'customer.subscription.trial_will_end',
      'customer.subscription.updated', // trial → active
      'invoice.paid',
      'customer.subscription.updated', // upgrade
      'invoice.paid',
      'invoice.upcoming',
      'customer.subscription.updated', // new period
      'invoice.payment_failed',
      'customer.subscription.updated', // past_due
      'invoice.paid',
      'customer.subscription.updated', // active again
      'customer.subscription.deleted',
    ]);
    const trialWillEnd = events.find((e) => e.type === 'customer.subscription.trial_will_end')!;
    expect(trialWillEnd.created).toBe(T0 + 11 * DAY);
    const pastDue = events.find((e) => e.type === 'customer.subscription.updated' && (e.data.object as Stripe.Subscription).status === 'past_due')!;
    expect(pastDue.data.previous_attributes).toMatchObject({ status: 'active' });
  });

  it('exhausted dunning cancels the subscription; create_prorations bills the preview at renewal', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: T0 });
    const customer = await stripe.customers.create({ test_clock: clock.id, invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const product = await stripe.products.create({ name: 'Seats' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
    const quarterly = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 5000, recurring: { interval: 'month', interval_count: 3 } });
    expect(quarterly.recurring?.interval_count).toBe(3);
    let sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id, quantity: 1 }] });
    expect(sub.status).toBe('active');

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: T0 + 10 * DAY });
    const item = sub.items.data[0]!;
    const preview = await stripe.invoices.createPreview({
      subscription: sub.id,
      subscription_details: { items: [{ id: item.id, quantity: 3 }], proration_date: T0 + 10 * DAY },
    });
    await stripe.subscriptions.update(sub.id, { items: [{ id: item.id, quantity: 3 }], proration_date: T0 + 10 * DAY });
    const pending = await stripe.invoiceItems.list({ customer: customer.id, pending: true });
    expect(pending.data).toHaveLength(2);

    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: 'pm_card_chargeDeclinedInsufficientFunds' } });
    const renewal = Date.UTC(2026, 1, 1) / 1000;
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: renewal + 20 * DAY });
    sub = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    const inv = sub.latest_invoice as Stripe.Invoice;
    expect(inv.total).toBe(preview.total);
    expect(inv.attempt_count).toBe(4);
    expect(sub.status).toBe('canceled');
    expect(sub.cancellation_details?.reason).toBe('payment_failed');
  });
});

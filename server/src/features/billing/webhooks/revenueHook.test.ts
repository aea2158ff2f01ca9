import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';

/**
 * Revenue is kept incrementally by the webhook batch (processEvent.ts): subscription
 * events delivered through the real route — the emulator's signed webhooks — change the
 * customer's revenue movements in the same transaction, with no rebuild.
 */
describe('webhook batches keep revenue current', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    await app.listen();
  });
  afterEach(() => app.close());

  const movementsOf = async (customerId: string) =>
    (await sql<{ kind: string; amountCents: string; subscriptionId: string }>`
      select kind, amount_cents, subscription_id from revenue.movements where customer_id = ${customerId} and policy = 'stripe' order by day, id`.execute(app.db)).rows;

  it('records a new subscription as a new movement, and its cancellation days later as churn', async () => {
    const stripe = app.deps.stripe;
    // Revenue is measured per day: a cancellation on the day of the sign-up is no movement at all.
    const start = Math.floor(Date.now() / 1000);
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: start });
    const price = await stripe.prices.create({ currency: 'usd', unit_amount: 2500, recurring: { interval: 'month' }, product_data: { name: 'Team' } });
    const customer = await stripe.customers.create({ email: 'rev@example.test', name: 'Rev', test_clock: clock.id, invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id, quantity: 2 }] });
    await app.billing.emulator!.webhooksIdle();

    expect(await movementsOf(customer.id)).toEqual([{ kind: 'new', amountCents: '5000', subscriptionId: subscription.id }]);
    const ledger = await app.db.selectFrom('ops.stripeEvents').select('status').where('type', '=', 'customer.subscription.created').execute();
    expect(ledger).toEqual([{ status: 'processed' }]);

    // The emulator's clock has finished advancing when the call returns.
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + 10 * 86_400 });
    await app.billing.emulator!.webhooksIdle();
    await stripe.subscriptions.cancel(subscription.id);
    await app.billing.emulator!.webhooksIdle();

    expect(await movementsOf(customer.id)).toEqual([
      { kind: 'new', amountCents: '5000', subscriptionId: subscription.id },
      { kind: 'churn', amountCents: '-5000', subscriptionId: subscription.id },
    ]);
  });
});

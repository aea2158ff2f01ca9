import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from './index.js';
import { sdkFor, startWithClient } from './testSupport.js';

describe('authentication and errors', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  beforeAll(async () => {
    ({ emulator, stripe } = await startWithClient());
  });
  afterAll(() => emulator.stop());

  it('wrong API key → 401 StripeAuthenticationError', async () => {
    const wrong = sdkFor(emulator, 'sk_test_not_the_key');
    const err = await wrong.customers.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((err as Stripe.errors.StripeError).statusCode).toBe(401);
    expect((err as Stripe.errors.StripeError).message).toContain('Invalid API Key');
  });

  it('declined card → StripeCardError with decline_code', async () => {
    const customer = await stripe.customers.create({});
    const err = await stripe.paymentIntents
      .create({ amount: 1500, currency: 'usd', customer: customer.id, payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    const e = err as Stripe.errors.StripeCardError;
    expect(e.statusCode).toBe(402);
    expect(e.code).toBe('card_declined');
    expect(e.decline_code).toBe('insufficient_funds');
    expect(e.payment_intent?.status).toBe('requires_payment_method');
    const generic = (await stripe.paymentIntents
      .create({ amount: 1500, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true })
      .catch((x: unknown) => x)) as Stripe.errors.StripeCardError;
    expect(generic.decline_code).toBe('generic_decline');
  });

  it('missing resource → 404 StripeInvalidRequestError resource_missing', async () => {
    const err = await stripe.customers.retrieve('cus_doesnotexist').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const e = err as Stripe.errors.StripeInvalidRequestError;
    expect(e.statusCode).toBe(404);
    expect(e.code).toBe('resource_missing');
    expect(e.message).toBe("No such customer: 'cus_doesnotexist'");
  });

  it('invalid params → 400 with param', async () => {
    const err = (await stripe.prices.create({ currency: 'usd', unit_amount: 100, product: 'prod_nope' }).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err.param).toBe('product');
    const bad = (await stripe.customers.list({ limit: 500 }).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(bad.statusCode).toBe(400);
    expect(bad.param).toBe('limit');
  });

  it('injected API failures: 500 surfaces without retries, and the SDK retry recovers', async () => {
    const noRetry = sdkFor(emulator, emulator.apiKey, { maxNetworkRetries: 0 });
    emulator.failNextRequests(1);
    const err = await noRetry.customers.create({ email: 'x@example.com' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect((err as Stripe.errors.StripeError).statusCode).toBe(500);
    expect((await noRetry.customers.list({ email: 'x@example.com' })).data).toHaveLength(0);

    const retrying = sdkFor(emulator, emulator.apiKey, { maxNetworkRetries: 2 });
    emulator.failNextRequests(1, { shouldRetry: true });
    const created = await retrying.customers.create({ email: 'y@example.com' });
    expect(created.email).toBe('y@example.com');
    expect((await retrying.customers.list({ email: 'y@example.com' })).data).toHaveLength(1);
  });

  it('deleted customers cascade: subscriptions canceled, customer.deleted emitted', async () => {
    const customer = await stripe.customers.create({ invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const product = await stripe.products.create({ name: 'X' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500, recurring: { interval: 'month' } });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const deleted = await stripe.customers.del(customer.id);
    expect(deleted.deleted).toBe(true);
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
    const retrieved = await stripe.customers.retrieve(customer.id);
    expect(retrieved.deleted).toBe(true);
    const types = (await stripe.events.list({ limit: 3 })).data.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['customer.deleted', 'customer.subscription.deleted']);
  });
});

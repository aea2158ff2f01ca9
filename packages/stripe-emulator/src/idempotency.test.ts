import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from './index.js';
import { startWithClient } from './testSupport.js';

describe('idempotency keys', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;
  let charge: Stripe.Charge;
  beforeAll(async () => {
    ({ emulator, stripe } = await startWithClient());
    const customer = await stripe.customers.create({});
    const pi = await stripe.paymentIntents.create({ amount: 10000, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
    charge = await stripe.charges.retrieve(pi.latest_charge as string);
  });
  afterAll(() => emulator.stop());

  it('20 concurrent identical refunds with one key → one refund', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => stripe.refunds.create({ charge: charge.id, amount: 700 }, { idempotencyKey: 'refund-staff-action-1' })),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const refunds = await stripe.refunds.list({ charge: charge.id });
    expect(refunds.data).toHaveLength(1);
    expect((await stripe.charges.retrieve(charge.id)).amount_refunded).toBe(700);
    expect(results[1]!.lastResponse.headers['idempotent-replayed']).toBe('true');
  });

  it('same key with different params → idempotency_error', async () => {
    const err = await stripe.refunds.create({ charge: charge.id, amount: 800 }, { idempotencyKey: 'refund-staff-action-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect((err as Stripe.errors.StripeError).type).toBe('StripeIdempotencyError');
    expect((await stripe.charges.retrieve(charge.id)).amount_refunded).toBe(700);
  });

  it('errors are replayed too, without a second effect', async () => {
    const customer = await stripe.customers.create({});
    const attempt = () =>
      stripe.paymentIntents
        .create({ amount: 2000, currency: 'usd', customer: customer.id, payment_method: 'pm_card_chargeDeclined', confirm: true }, { idempotencyKey: 'declined-once' })
        .then(
          () => { throw new Error('expected a decline'); },
          (e: Stripe.errors.StripeCardError) => e,
        );
    const first = await attempt();
    const second = await attempt();
    expect(first).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second.payment_intent?.id).toBe(first.payment_intent?.id);
    expect((await stripe.charges.list({ customer: customer.id })).data).toHaveLength(1);
    expect((await stripe.paymentIntents.list({ customer: customer.id })).data).toHaveLength(1);
  });
});

import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, startWithClient } from './testSupport.js';

describe('webhook delivery', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function setup(respond?: (i: number) => number) {
    const { emulator, stripe } = await startWithClient({ webhookFaults: { retryBaseDelayMs: 20, maxAttempts: 5 } });
    const receiver = await startWebhookReceiver(respond);
    cleanups.push(() => emulator.stop(), () => receiver.close());
    const endpoint = emulator.addWebhookEndpoint({ url: receiver.url });
    return { emulator, stripe, receiver, endpoint };
  }

  function verify(stripe: Stripe, raw: { rawBody: string; signature: string }, secret: string): Stripe.Event {
    return stripe.webhooks.constructEvent(raw.rawBody, raw.signature, secret);
  }

  it('signs deliveries exactly like Stripe', async () => {
    const { stripe, receiver, endpoint } = await setup();
    const customer = await stripe.customers.create({ email: 'hook@example.com' });
    await receiver.waitFor(1);
    const event = verify(stripe, receiver.received[0]!, endpoint.secret);
    expect(event.type).toBe('customer.created');
    expect((event.data.object as Stripe.Customer).id).toBe(customer.id);
    expect(() => verify(stripe, receiver.received[0]!, 'whsec_wrong')).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const tampered = { ...receiver.received[0]!, rawBody: receiver.received[0]!.rawBody.replace('hook@', 'evil@') };
    expect(() => verify(stripe, tampered, endpoint.secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('retries with backoff until the endpoint answers 2xx', async () => {
    const { emulator, stripe, receiver, endpoint } = await setup((i) => (i < 3 ? 500 : 200));
    await stripe.products.create({ name: 'Retried' });
    await receiver.waitFor(4);
    await emulator.webhooksIdle();
    const ids = receiver.received.map((r) => verify(stripe, r, endpoint.secret).id);
    expect(new Set(ids).size).toBe(1);
    expect(emulator.deliveries.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 200],
    ]);
  });

  it('retries when the connection fails', async () => {
    const { emulator, stripe } = await startWithClient({ webhookFaults: { retryBaseDelayMs: 5, maxAttempts: 3 } });
    cleanups.push(() => emulator.stop());
    emulator.addWebhookEndpoint({ url: 'http://127.0.0.1:1/unreachable' });
    await stripe.customers.create({});
    await emulator.webhooksIdle();
    expect(emulator.deliveries.map((d) => [d.attempt, d.ok])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
  });

  it('duplicate knob delivers every event twice; out-of-order knob shuffles a batch', async () => {
    const { emulator, stripe, receiver, endpoint } = await setup();
    emulator.faults.duplicateRate = 1;
    await stripe.customers.create({});
    await receiver.waitFor(2);
    const dupIds = receiver.received.map((r) => verify(stripe, r, endpoint.secret).id);
    expect(dupIds[0]).toBe(dupIds[1]);

    emulator.faults.duplicateRate = 0;
    emulator.faults.outOfOrder = true;
    const customer = await stripe.customers.create({ invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const product = await stripe.products.create({ name: 'Shuffled' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' } });
    await emulator.webhooksIdle();
    const before = receiver.received.length;
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await emulator.webhooksIdle();
    const delivered = receiver.received.slice(before).map((r) => verify(stripe, r, endpoint.secret).id);
    const emitted = (await stripe.events.list({ limit: delivered.length })).data.map((e) => e.id).reverse();
    expect(delivered.length).toBeGreaterThan(5);
    expect([...delivered].sort()).toEqual([...emitted].sort());
    expect(delivered).not.toEqual(emitted);
  });

  it('latency knob delays deliveries; webhook_endpoints API creates endpoints', async () => {
    const { emulator, stripe } = await startWithClient();
    const receiver = await startWebhookReceiver();
    cleanups.push(() => emulator.stop(), () => receiver.close());
    const we = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['product.created'] });
    expect(we.secret).toMatch(/^whsec_/);
    emulator.faults.latencyMs = 60;
    const started = Date.now();
    await stripe.customers.create({});
    await stripe.products.create({ name: 'Only this' });
    await receiver.waitFor(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    await emulator.webhooksIdle();
    expect(receiver.received).toHaveLength(1);
    expect(verify(stripe, receiver.received[0]!, we.secret!).type).toBe('product.created');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from './index.js';
import { DAY, startWithClient } from './testSupport.js';

/** persistPath: what the demo's mirror shows must still exist at Stripe after a restart. */
describe('emulator persistence', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-emulator-state-'));
  const persistPath = path.join(dir, 'state.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const T0 = Date.UTC(2026, 0, 1) / 1000;

  it('keeps objects, events, test clocks and endpoints across stop and start', async () => {
    const first = await startWithClient({ persistPath });
    const endpoint = first.emulator.addWebhookEndpoint({ url: 'http://127.0.0.1:9/webhooks/stripe', secret: 'whsec_first' });
    // Nothing listens there: one failed attempt per event, no retries pending at stop.
    first.emulator.faults.maxAttempts = 1;
    const clock = await first.stripe.testHelpers.testClocks.create({ frozen_time: T0 });
    const customer = await first.stripe.customers.create({ email: 'kept@example.com', test_clock: clock.id, invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const price = await first.stripe.prices.create({ currency: 'usd', unit_amount: 1500, recurring: { interval: 'month' }, product_data: { name: 'Kept' } });
    const sub = await first.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 7 });
    const eventIds = first.emulator.events.map((e) => e.id);
    await first.emulator.stop();

    const second: { emulator: StripeEmulator; stripe: typeof first.stripe } = await startWithClient({ persistPath });
    try {
      expect(((await second.stripe.customers.retrieve(customer.id)) as Stripe.Customer).email).toBe('kept@example.com');
      expect(second.emulator.events.map((e) => e.id)).toEqual(eventIds);
      expect((await second.stripe.events.list({ limit: 100 })).data.map((e) => e.id)).toEqual([...eventIds].reverse());
      // Re-registering the same URL (every start does) updates the endpoint instead of adding one.
      expect(second.emulator.addWebhookEndpoint({ url: 'http://127.0.0.1:9/webhooks/stripe', secret: 'whsec_second' }).id).toBe(endpoint.id);
      expect((await second.stripe.webhookEndpoints.list()).data).toHaveLength(1);

      // Internal state (trial bookkeeping, card behaviour) came back too: the clock still bills.
      await second.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: T0 + 8 * DAY });
      const after = await second.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
      expect(after.status).toBe('active');
      expect((after.latest_invoice as { status: string; amount_paid: number }).amount_paid).toBe(1500);
      const newer = await second.stripe.customers.create({ email: 'new@example.com' });
      expect((await second.stripe.customers.list({ limit: 1 })).data[0]!.id).toBe(newer.id);
    } finally {
      await second.emulator.stop();
    }
  });

  it('starts empty when the file does not exist yet', async () => {
    const { emulator, stripe } = await startWithClient({ persistPath: path.join(dir, 'absent', 'state.json') });
    try {
      expect((await stripe.customers.list()).data).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });
});

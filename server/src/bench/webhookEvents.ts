import { createHmac, randomBytes } from 'node:crypto';
import type { MirroredStripeCustomer } from './benchData.js';

/**
 * Stripe webhook posts for the bench: `customer.updated` events about the seeded Stripe
 * customers (the most common event Stripe sends, and a real mirror write: an inbox row,
 * then the inbox worker's batched upsert), signed exactly as Stripe signs them.
 *
 * Each event about a customer gets a later `created` than the last one (the current
 * second when it is later): the mirror re-fetches an object from Stripe's API when two
 * different events about it carry the same second, and the bench measures Opsdesk, not
 * a Stripe round trip (see stripeStandIn.ts).
 */
export interface SignedWebhook {
  body: string;
  signature: string;
}

export function createWebhookEvents(customers: MirroredStripeCustomer[], options: { secret: string; apiVersion: string }) {
  const lastCreated = new Map(customers.map((c) => [c.id, c.asOf]));
  let sent = 0;
  return {
    next(): SignedWebhook {
      const customer = customers[sent++ % customers.length]!;
      const created = Math.max(Math.floor(Date.now() / 1000), lastCreated.get(customer.id)! + 1);
      lastCreated.set(customer.id, created);
      const metadata = { ...(customer.data.metadata as Record<string, string> | undefined), last_seen_by_bench: String(created) };
      const event = {
        id: `evt_bench_${randomBytes(12).toString('hex')}`,
        object: 'event',
        api_version: options.apiVersion,
        created,
        type: 'customer.updated',
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: { ...customer.data, metadata }, previous_attributes: { metadata: customer.data.metadata ?? {} } },
      };
      const body = JSON.stringify(event);
      return { body, signature: stripeSignature(body, options.secret) };
    },
  };
}

/** `Stripe-Signature: t=<unix seconds>,v1=<HMAC-SHA256 of "t.body" with the endpoint's secret>`. */
export function stripeSignature(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

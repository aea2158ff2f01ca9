import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { trafficFigures } from './capacityFigures.js';
import type { ResponseSample } from './loadRun.js';
import { createWebhookEvents } from './webhookEvents.js';

/**
 * The capacity bench's own logic, without a server: its webhook posts must pass the
 * verification Opsdesk uses (the Stripe SDK's), and its figures must count 429 apart
 * from errors. The bench itself is run by hand (`npm run bench:capacity`), not here.
 */
describe('capacity bench', () => {
  it('signs webhook events the way the Stripe SDK verifies them, each later than the last for its customer', () => {
    const secret = 'whsec_test_capacity_bench';
    const asOf = Math.floor(Date.now() / 1000) + 60; // mirrored "in the future": the next event must still be later
    const events = createWebhookEvents([{ id: 'cus_1', data: { id: 'cus_1', object: 'customer', metadata: {} }, asOf }], { secret, apiVersion: '2025-03-31.basil' });
    const stripe = new Stripe('sk_test_unused');
    const created = [events.next(), events.next()].map(({ body, signature }) => {
      const event = stripe.webhooks.constructEvent(body, signature, secret, 300);
      expect(event.type).toBe('customer.updated');
      return event.created;
    });
    expect(created).toEqual([asOf + 1, asOf + 2]);
    expect(() => stripe.webhooks.constructEvent(events.next().body, events.next().signature, secret, 300)).toThrow();
  });

  it('counts 429 apart from errors, and 503, timeouts and connection errors as errors', () => {
    const sample = (status: number, at: number): ResponseSample => ({ at, ms: 10, status, kind: 'lookup' });
    const samples = [sample(200, 100), sample(200, 200), sample(429, 300), sample(503, 400), sample(401, 500), sample(200, 3100)];
    const figures = trafficFigures({ samples, timeouts: 1, connectionErrors: 1, seconds: 6 });
    expect(figures.attempts).toBe(8);
    expect(figures.rate429).toBeCloseTo(1 / 8);
    expect(figures.errorRate).toBeCloseTo(4 / 8);
    expect(figures.rate503).toBeCloseTo(1 / 8);
    expect(figures.statuses).toMatchObject({ 200: 3, 429: 1, 503: 1, 401: 1, timeout: 1, 'connection error': 1 });
    // Two 3-second windows with a handful of answers each: no spread rather than a misleading one.
    expect(Number.isNaN(figures.p95.min)).toBe(true);
  });
});

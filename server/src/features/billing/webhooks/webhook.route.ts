import express, { Router } from 'express';
import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { receiveEvent } from './eventLedger.js';

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * POST /webhooks/stripe. The signature is checked on the raw bytes (parsing first
 * would change them), and nothing is stored for a request that fails it. Answers:
 * 200 processed / duplicate / ignored; 400 bad signature or body; 500 when processing
 * failed (recorded in the ledger) so Stripe retries.
 */
export function stripeWebhookRoute(deps: { db: Db; stripe: Stripe; webhookSecret: string }): Router {
  const route = Router();
  route.post('/webhooks/stripe', express.raw({ type: '*/*', limit: '1mb' }), async (req, res) => {
    const signature = req.get('stripe-signature');
    if (!signature) {
      res.status(400).json({ error: 'Missing Stripe-Signature header' });
      return;
    }
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      res.status(400).json({ error: 'Empty body' });
      return;
    }
    let event: Stripe.Event;
    try {
      event = deps.stripe.webhooks.constructEvent(req.body, signature, deps.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      res.status(400).json({ error: `Webhook signature verification failed: ${(error as Error).message}` });
      return;
    }
    if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.created !== 'number' || !event.data?.object) {
      res.status(400).json({ error: 'Malformed event: id, type, created and data.object are required' });
      return;
    }
    const outcome = await receiveEvent(deps.db, event, deps.stripe);
    if (outcome.status === 'failed') {
      req.log?.error({ eventId: event.id, type: event.type, error: outcome.error }, 'stripe event processing failed');
      res.status(500).json({ received: true, status: 'failed', error: outcome.error });
      return;
    }
    res.json({ received: true, status: outcome.status });
  });
  return route;
}

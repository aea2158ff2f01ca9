import express, { Router } from 'express';
import type { Logger } from 'pino';
import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { createInboxWriter } from './inboxWriter.js';
import { startInboxWorker } from './inboxWorker.js';

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * POST /webhooks/stripe. The signature is checked on the raw bytes (parsing first
 * would change them), and nothing is stored for a request that fails it. A verified
 * event is stored in the inbox (`ops.stripe_events`, `pending`) and acknowledged at
 * once; the inbox worker started here applies it to the mirror moments later, in a
 * batch. Answers: 200 `queued` / `duplicate`; 400 bad signature or body; 500 when the
 * event could not be stored, so Stripe retries.
 */
export function stripeWebhookRoute(deps: { db: Db; stripe: Stripe; webhookSecret: string; logger?: Logger }): Router {
  const inbox = createInboxWriter(deps.db);
  const worker = startInboxWorker(deps);
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
      deps.logger?.warn({ ip: req.ip }, 'stripe webhook refused: bad signature');
      res.status(400).json({ error: `Webhook signature verification failed: ${(error as Error).message}` });
      return;
    }
    if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.created !== 'number' || !event.data?.object) {
      res.status(400).json({ error: 'Malformed event: id, type, created and data.object are required' });
      return;
    }
    try {
      const status = await inbox.receive({ id: event.id, type: event.type, created: event.created, apiVersion: event.api_version ?? null, body: req.body.toString('utf8') });
      worker.nudge();
      res.json({ received: true, status });
    } catch (error) {
      deps.logger?.error({ err: error, eventId: event.id, type: event.type }, 'stripe event could not be stored');
      res.status(500).json({ received: false, error: 'The event could not be stored; retry later.' });
    }
  });
  return route;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { createInboxWriter } from './inboxWriter.js';
import { startInboxWorker } from './inboxWorker.js';

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Stripe's events are a few kB; anything near this is not one of them. */
const MAX_BODY_BYTES = 1024 * 1024;
const PATH = '/webhooks/stripe';

/**
 * POST /webhooks/stripe. The signature is checked on the raw bytes (parsing first
 * would change them), and nothing is stored for a request that fails it. A verified
 * event is stored in the inbox (`ops.stripe_events`, `pending`) and acknowledged at
 * once; the inbox worker started here applies it to the mirror moments later, in a
 * batch, from the copy parsed here (it reads the stored body only for events another
 * process received). Answers: 200 `queued` / `duplicate`; 400 bad signature or body;
 * 413 a body over 1 MB (the HTTP surface's `PAYLOAD_TOO_LARGE` shape, as every other route); 500 when the event could not be stored, so Stripe retries.
 *
 * A plain handler, not an Express router with a body parser: at a backlog's hundreds of
 * deliveries a second the router, body parser and `res.json` were a visible share of
 * the server's time per event (docs/billing.md, "Webhook ingest benchmark").
 */
export function stripeWebhookRoute(deps: { db: Db; stripe: Stripe; webhookSecret: string; logger?: Logger }): RequestHandler {
  const worker = startInboxWorker(deps);
  const inbox = createInboxWriter(deps.db, (events) => worker.remember(events));

  async function accept(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const signature = req.headers['stripe-signature'];
    if (typeof signature !== 'string' || signature === '') return answer(res, 400, { error: 'Missing Stripe-Signature header' });
    if (raw.length === 0) return answer(res, 400, { error: 'Empty body' });
    // Decoded once: the SDK would decode a Buffer the same way before checking it.
    const body = raw.toString('utf8');
    let event: Stripe.Event;
    try {
      event = deps.stripe.webhooks.constructEvent(body, signature, deps.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      deps.logger?.warn({ ip: req.socket.remoteAddress }, 'stripe webhook refused: bad signature');
      return answer(res, 400, { error: `Webhook signature verification failed: ${(error as Error).message}` });
    }
    if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.created !== 'number' || !event.data?.object) {
      return answer(res, 400, { error: 'Malformed event: id, type, created and data.object are required' });
    }
    try {
      const status = await inbox.receive({ id: event.id, type: event.type, created: event.created, apiVersion: event.api_version ?? null, body }, event);
      worker.nudge();
      answerText(res, 200, status === 'queued' ? QUEUED : DUPLICATE);
    } catch (error) {
      deps.logger?.error({ err: error, eventId: event.id, type: event.type }, 'stripe event could not be stored');
      answer(res, 500, { received: false, error: 'The event could not be stored; retry later.' });
    }
  }

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || req.path !== PATH) return next();
    readBody(req, MAX_BODY_BYTES).then(
      (raw) => (raw === null ? answer(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'Body over 1 MB' } }) : accept(req, res, raw)),
      (error: Error) => answer(res, 400, { error: `The body could not be read: ${error.message}` }),
    ).catch(next);
  };
}

/** The whole body, or null once it passes `limit` bytes (the rest is drained, unread). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) chunks.push(chunk);
    });
    req.once('end', () => resolve(length > limit ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)));
    req.once('error', reject);
  });
}

/** The two answers nearly every delivery gets, serialised once. */
const QUEUED = JSON.stringify({ received: true, status: 'queued' });
const DUPLICATE = JSON.stringify({ received: true, status: 'duplicate' });

function answer(res: ServerResponse, status: number, payload: object): void {
  answerText(res, status, JSON.stringify(payload));
}

function answerText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

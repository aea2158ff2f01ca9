import { Agent, request } from 'node:http';
import type { StripeObject } from '@opsdesk/stripe-emulator';
import { stripeSignature } from './webhookEvents.js';

/**
 * How the webhook bench delivers a stream: like Stripe, late, twice and out of order,
 * many at a time, retrying what failed. The schedule is made once from a seeded random
 * source, so both systems under test receive exactly the same sequence.
 */
export interface Delivery {
  eventId: string;
  body: string;
}

export interface ScheduleOptions {
  /** Share of events delivered a second time, a little later. */
  duplicateRate: number;
  /** Share of events delivered late, after up to `maxDelay` later events. */
  lateRate: number;
  maxDelay: number;
  seed: number;
}

export function scheduleDeliveries(events: StripeObject[], options: ScheduleOptions): Delivery[] {
  const random = seededRandom(options.seed);
  // Each delivery gets a position; late ones and duplicates are pushed back.
  const placed: { at: number; delivery: Delivery }[] = [];
  events.forEach((event, i) => {
    const delivery = { eventId: String(event.id), body: JSON.stringify(event) };
    const late = random() < options.lateRate ? 1 + Math.floor(random() * options.maxDelay) : 0;
    placed.push({ at: i + late + random() / 2, delivery });
    if (random() < options.duplicateRate) placed.push({ at: i + late + 1 + random() * options.maxDelay, delivery });
  });
  return placed.sort((a, b) => a.at - b.at).map((p) => p.delivery);
}

export interface DeliveryRun {
  seconds: number;
  /** Milliseconds from sending to the answer, one per attempt. */
  latencies: number[];
  deliveries: number;
  /** Attempts answered with something other than 2xx (or not at all), later retried. */
  failedAttempts: number;
  /** Deliveries still failing after every retry. */
  undelivered: number;
  firstErrors: string[];
}

const MAX_ATTEMPTS = 4;

/**
 * Posts every delivery, `concurrency` in flight; a failed one goes to the back of the
 * queue (Stripe retries later). With node:http and a keep-alive agent, one connection
 * per lane: the client shares the machine with the system under test, and `fetch`
 * cost it about twice the CPU per request. Both systems get this same client.
 */
export async function postDeliveries(url: string, deliveries: Delivery[], options: { secret: string; concurrency: number }): Promise<DeliveryRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const queue = deliveries.map((delivery) => ({ delivery, attempts: 0 }));
  const latencies: number[] = [];
  const firstErrors: string[] = [];
  let failedAttempts = 0;
  let undelivered = 0;
  let next = 0;
  const note = (error: string) => {
    if (firstErrors.length < 5) firstErrors.push(error);
  };

  const worker = async () => {
    while (next < queue.length) {
      const item = queue[next++]!;
      item.attempts += 1;
      const started = performance.now();
      let ok = false;
      try {
        const response = await post(agent, url, item.delivery.body, stripeSignature(item.delivery.body, options.secret));
        ok = response.status >= 200 && response.status < 300;
        if (!ok) note(`${item.delivery.eventId}: HTTP ${response.status} ${response.text.slice(0, 200)}`);
      } catch (error) {
        note(`${item.delivery.eventId}: ${(error as Error).message}`);
      }
      latencies.push(performance.now() - started);
      if (ok) continue;
      failedAttempts += 1;
      if (item.attempts < MAX_ATTEMPTS) queue.push(item);
      else undelivered += 1;
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, latencies, deliveries: deliveries.length, failedAttempts, undelivered, firstErrors };
}

function post(agent: Agent, url: string, body: string, signature: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'stripe-signature': signature } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** mulberry32: small, fast, good enough to shuffle a delivery order reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

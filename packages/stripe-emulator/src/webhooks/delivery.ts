import { randomBytes } from 'node:crypto';
import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';
import { signatureHeader } from './signing.js';

export interface WebhookEndpointConfig {
  id: string;
  url: string;
  secret: string;
  enabledEvents: string[];
}

/** Knobs that make delivery behave like the real, messy network (for consumer tests). */
export interface WebhookFaults {
  /** Extra delay before every delivery attempt. */
  latencyMs: number;
  /** Probability (0..1) that an event is delivered twice. */
  duplicateRate: number;
  /** Shuffle each batch of events (one API request / clock step) before delivery. */
  outOfOrder: boolean;
  /** Retry backoff: baseDelayMs × 2^(attempt-1). */
  retryBaseDelayMs: number;
  /** Give up after this many attempts (Stripe retries for 3 days in live mode). */
  maxAttempts: number;
  /**
   * First attempts in flight at once per endpoint. 1 (the default) delivers in emission
   * order; Stripe itself delivers concurrently, and a bulk load (the demo seed) is
   * bounded by one-at-a-time round trips.
   */
  concurrency?: number;
}

export interface DeliveryRecord {
  eventId: string;
  eventType: string;
  endpointId: string;
  attempt: number;
  /** HTTP status, or 0 when the connection failed. */
  status: number;
  ok: boolean;
  error?: string;
  at: number;
}

/**
 * Delivers events to endpoints as signed JSON POSTs. Each endpoint gets the batch in order
 * (unless shuffled); failed attempts are retried independently with exponential backoff,
 * so a retried event naturally arrives after later ones, as with Stripe.
 */
export class WebhookDelivery {
  readonly endpoints = new Map<string, WebhookEndpointConfig>();
  readonly log: DeliveryRecord[] = [];
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private queues = new Map<string, { waiting: StripeObject[]; inFlight: number }>();
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    readonly faults: WebhookFaults,
    private readonly clockSeconds: () => number,
  ) {}

  addEndpoint(input: { url: string; secret?: string; enabledEvents?: string[]; id?: string }): WebhookEndpointConfig {
    const ep: WebhookEndpointConfig = {
      id: input.id ?? newId('we'),
      url: input.url,
      secret: input.secret ?? `whsec_${randomBytes(24).toString('hex')}`,
      enabledEvents: input.enabledEvents?.length ? input.enabledEvents : ['*'],
    };
    this.endpoints.set(ep.id, ep);
    return ep;
  }

  /** Number of endpoints that will receive this event type (Event.pending_webhooks). */
  countFor(type: string): number {
    return [...this.endpoints.values()].filter((e) => wants(e, type)).length;
  }

  enqueue(batch: StripeObject[]): void {
    if (this.stopped || batch.length === 0) return;
    for (const ep of this.endpoints.values()) {
      let events = batch.filter((e) => wants(ep, e.type));
      if (events.length === 0) continue;
      events = events.flatMap((e) => (Math.random() < this.faults.duplicateRate ? [e, e] : [e]));
      if (this.faults.outOfOrder) events = shuffle(events);
      // First attempts leave each endpoint's queue in order, `concurrency` at a time (1:
      // unfaulted delivery keeps emission order); retries run on their own timers.
      this.pending += events.length;
      const queue = this.queues.get(ep.id) ?? { waiting: [], inFlight: 0 };
      this.queues.set(ep.id, queue);
      queue.waiting.push(...events);
      this.pump(ep, queue);
    }
  }

  private pump(ep: WebhookEndpointConfig, queue: { waiting: StripeObject[]; inFlight: number }): void {
    while (queue.inFlight < Math.max(1, this.faults.concurrency ?? 1) && queue.waiting.length > 0) {
      const event = queue.waiting.shift()!;
      queue.inFlight += 1;
      void this.attempt(ep, event, 1).finally(() => {
        queue.inFlight -= 1;
        this.pump(ep, queue);
      });
    }
  }

  /** Resolves when every queued delivery (including retries) has finished. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending = 0;
    this.settle();
  }

  private async attempt(ep: WebhookEndpointConfig, event: StripeObject, attempt: number): Promise<void> {
    if (this.stopped) return;
    if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);
    if (this.stopped || !this.endpoints.has(ep.id)) return this.done();
    const rawBody = JSON.stringify(event, null, 2);
    const t = this.clockSeconds();
    let status = 0;
    let error: string | undefined;
    try {
      const res = await fetch(ep.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signatureHeader(rawBody, ep.secret, t),
        },
        body: rawBody,
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const ok = status >= 200 && status < 300;
    this.log.push({ eventId: event.id, eventType: event.type, endpointId: ep.id, attempt, status, ok, ...(error ? { error } : {}), at: Date.now() });
    if (ok || attempt >= this.faults.maxAttempts || this.stopped) return this.done();
    const wait = this.faults.retryBaseDelayMs * 2 ** (attempt - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(ep, event, attempt + 1);
    }, wait);
    this.timers.add(timer);
  }

  private done(): void {
    this.pending = Math.max(0, this.pending - 1);
    this.settle();
  }

  private settle(): void {
    if (this.pending !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}

function wants(ep: WebhookEndpointConfig, type: string): boolean {
  return ep.enabledEvents.includes('*') || ep.enabledEvents.includes(type);
}

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

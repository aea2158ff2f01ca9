import { newId } from '../ids.js';
import type { Store, StripeObject } from '../store.js';

export const API_VERSION = '2026-10-28.endive';

export interface EmitOptions {
  previous?: Record<string, unknown>;
  /** Unix seconds; defaults to the time of the object's customer (test clock aware). */
  at?: number;
  /** invoice.upcoming carries an invoice without id: keep it as given. */
  raw?: boolean;
}

/**
 * Collects events emitted while one request (or one test-clock step) runs, then publishes
 * them together: stored for GET /v1/events and handed to webhook delivery as one batch.
 */
export class EventBus {
  private pending: StripeObject[] = [];
  request: { id: string | null; idempotency_key: string | null } | null = null;

  constructor(
    private readonly store: Store,
    private readonly timeOf: (obj: StripeObject) => number,
    private readonly publish: (batch: StripeObject[]) => void,
    private readonly pendingWebhooks: (type: string) => number,
  ) {}

  emit(type: string, obj: StripeObject, opts: EmitOptions = {}): StripeObject {
    const event: StripeObject = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: opts.at ?? this.timeOf(obj),
      data: {
        object: structuredClone(obj),
        ...(opts.previous && Object.keys(opts.previous).length ? { previous_attributes: structuredClone(opts.previous) } : {}),
      },
      livemode: false,
      pending_webhooks: this.pendingWebhooks(type),
      request: this.request ?? { id: null, idempotency_key: null },
      type,
    };
    this.pending.push(event);
    return event;
  }

  /** Position marker, so an event decided later can still be published first. */
  mark(): number {
    return this.pending.length;
  }

  moveLastTo(mark: number): void {
    const last = this.pending.pop();
    if (last) this.pending.splice(mark, 0, last);
  }

  flush(): void {
    const batch = this.pending;
    this.pending = [];
    for (const e of batch) this.store.insert(e);
    this.publish(batch);
  }
}

/** Shallow diff for previous_attributes: the old values of top-level fields that changed. */
export function previousAttributes(before: StripeObject, after: StripeObject): Record<string, unknown> {
  const prev: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) prev[k] = before[k] ?? null;
  }
  return prev;
}

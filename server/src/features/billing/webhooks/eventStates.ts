import type Stripe from 'stripe';
import type { SubscriptionHistoryRow, UpcomingInvoiceRow } from '../mirror/mirror.queries.js';
import { mirrorKindOf, type MirrorKind } from '../mirror/mirrorKinds.js';
import type { MirrorState } from '../mirror/mirrorState.js';
import { mapLimit } from '../mirror/mapLimit.js';
import { subscriptionHistoryRow } from '../mirror/subscriptionHistory.js';
import { fromUnix, idOf } from '../mirror/time.js';

/** Subscriptions fetched at once for their discounts: a few round trips, not one per subscription. */
const DISCOUNT_FETCH_CONCURRENCY = 8;

/** Object types whose `*.deleted` event means the object is gone (a subscription is only canceled). */
const DELETABLE = new Set(['customer', 'product', 'price', 'coupon']);

/** What a batch of events asks of the mirror, with every Stripe call it needs already made. */
export interface EventBatchPlan {
  states: MirrorState[];
  /** Which object each mirrored event is about (`table:id`), to hand back events of deferred objects. */
  objectOf: Map<string, string>;
  history: SubscriptionHistoryRow[];
  upcoming: UpcomingInvoiceRow[];
  mirrored: string[];
  ignored: string[];
}

export const objectKey = (table: string, id: string) => `${table}:${id}`;

/**
 * Turns events into mirror states. Dispatch is by the type of `data.object`, so every
 * event about a mirrored object type is handled; anything else is `ignored`.
 * `invoice.upcoming` carries an invoice without an id: kept per subscription.
 */
export async function planEventBatch(events: Stripe.Event[], stripe: Stripe): Promise<EventBatchPlan> {
  const plan: EventBatchPlan = { states: [], objectOf: new Map(), history: [], upcoming: [], mirrored: [], ignored: [] };
  const discounts = await currentDiscounts(events, stripe);
  const upcoming = new Map<string, UpcomingInvoiceRow>();
  for (const event of events) {
    const object = event.data.object as { object: string; id?: string };
    if (event.type === 'invoice.upcoming') {
      const row = upcomingInvoiceRow(event);
      if (!row) plan.ignored.push(event.id);
      else {
        plan.mirrored.push(event.id);
        if (row.asOf >= (upcoming.get(row.subscriptionId)?.asOf ?? -Infinity)) upcoming.set(row.subscriptionId, row);
      }
      continue;
    }
    const kind = mirrorKindOf(object.object);
    if (!kind || !object.id) {
      plan.ignored.push(event.id);
      continue;
    }
    let snapshot = object as { id: string };
    if (object.object === 'subscription') {
      const current = discounts.get(object.id);
      if (current) snapshot = { ...snapshot, discounts: current } as Stripe.Subscription;
      plan.history.push(subscriptionHistoryRow(snapshot as Stripe.Subscription, { source: 'event', sourceId: event.id, effectiveAt: event.created }));
    }
    plan.states.push({ ...eventMirrorState(event, kind), object: snapshot, snapshotInLedger: snapshot === object });
    plan.objectOf.set(event.id, objectKey(kind.table, object.id));
    plan.mirrored.push(event.id);
  }
  plan.upcoming = [...upcoming.values()];
  return plan;
}

/** The state an event carries, with what the ordering rule reads of it (sameSecondOrder.ts). */
export function eventMirrorState(event: Stripe.Event, kind: MirrorKind): MirrorState {
  const object = event.data.object as { object: string; id: string };
  return {
    kind,
    object,
    asOf: event.created,
    eventId: event.id,
    deleted: DELETABLE.has(object.object) && event.type.endsWith('.deleted'),
    previous: event.data.previous_attributes as Record<string, unknown> | undefined,
    origin: isOrigin(event.type),
    final: event.type === 'customer.subscription.deleted',
  };
}

/**
 * Events carry a subscription's discounts as `di_…` ids, but MRR needs their coupons
 * (only `forever` coupons reduce it). The few subscriptions with discounts are fetched
 * once per batch with the discounts expanded — their current coupons, which is what a
 * discount's coupon almost always still is.
 */
async function currentDiscounts(events: Stripe.Event[], stripe: Stripe): Promise<Map<string, Stripe.Subscription['discounts']>> {
  const ids = new Set<string>();
  for (const event of events) {
    const object = event.data.object as Stripe.Subscription;
    if (object.object === 'subscription' && object.discounts?.some((d) => typeof d === 'string')) ids.add(object.id);
  }
  const found = new Map<string, Stripe.Subscription['discounts']>();
  await mapLimit([...ids], DISCOUNT_FETCH_CONCURRENCY, async (id) => {
    const current = await stripe.subscriptions.retrieve(id, { expand: ['discounts'] }).catch((error: { statusCode?: number }) => {
      if (error.statusCode === 404) return null;
      throw error;
    });
    if (current) found.set(id, current.discounts);
  });
  return found;
}

/**
 * Events that bring their object into being: nothing of it came before them in the
 * same second (a charge is created as `charge.succeeded` or `charge.failed`).
 */
const isOrigin = (type: string): boolean => type.endsWith('.created') || type === 'charge.succeeded' || type === 'charge.failed';

function upcomingInvoiceRow(event: Stripe.Event): UpcomingInvoiceRow | null {
  const invoice = event.data.object as Stripe.Invoice;
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  if (!subscriptionId) return null;
  return {
    subscriptionId,
    customerId: idOf(invoice.customer)!,
    amountDue: invoice.amount_due,
    currency: invoice.currency,
    nextPaymentAttempt: fromUnix(invoice.next_payment_attempt),
    asOf: event.created,
    asOfEventId: event.id,
    data: JSON.stringify(invoice),
  };
}

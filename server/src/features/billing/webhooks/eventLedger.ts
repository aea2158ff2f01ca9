import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import type { ErasedPaymentSubjects } from '../../privacy/erasure/erasedCustomers.queries.js';
import { countFailedAmong, findDueEventIds, findEventBodies, makeFailedEventsDue, recordEventFailure } from './eventLedger.queries.js';
import { findErasedCustomersOfEvents } from './erasedCustomerEvents.js';
import { BatchClaimedElsewhere, CustomerErasedSinceLookUp, processEvents } from './processEvent.js';

/** Events applied per batch: big enough to coalesce an object's bursts, small enough for one quick transaction. */
export const DEFAULT_BATCH_SIZE = 1000;

export interface DrainPass {
  /** Events found due. */
  due: number;
  applied: number;
  failed: number;
  /** Events left pending for another look (another writer or worker got there first). */
  retry: number;
}

/** Events this process received and stored, already parsed, by id: the drain need not read them back. */
export type ReceivedEvents = Map<string, Stripe.Event>;

/**
 * One pass over the inbox: the oldest due events, applied as one batch. A batch that
 * fails is split in halves until the events that fail are alone; each of those is
 * recorded `failed` with its error and retried later, so one bad event never holds up
 * the others. Which events are due is always the ledger's answer; `received` only
 * spares reading and parsing the bodies of those this process stored itself.
 */
export async function drainInboxOnce(db: Db, stripe: Stripe, options: { batchSize?: number; received?: ReceivedEvents } = {}): Promise<DrainPass> {
  const events = await findDueEvents(db, options.batchSize ?? DEFAULT_BATCH_SIZE, options.received);
  const pass: DrainPass = { due: events.length, applied: 0, failed: 0, retry: 0 };
  // GDPR-erased customers looked up per pass, not per request, before planning; processEvents asks again under the mirror write lock (docs/gdpr.md, "Stripe").
  if (events.length > 0) await applyIsolatingFailures(db, stripe, events, await findErasedCustomersOfEvents(db, events), pass);
  // Applied, failed (read back from the ledger when due again) or applied elsewhere: done here.
  for (const event of events) options.received?.delete(event.id);
  return pass;
}

async function findDueEvents(db: Db, limit: number, received: ReceivedEvents | undefined): Promise<Stripe.Event[]> {
  const ids = await findDueEventIds(db, limit);
  const bodies = await findEventBodies(db, received ? ids.filter((id) => !received.has(id)) : ids);
  return ids.flatMap((id) => {
    const event = received?.get(id);
    if (event) return [event];
    const body = bodies.get(id);
    return body === undefined ? [] : [JSON.parse(body) as Stripe.Event];
  });
}

async function applyIsolatingFailures(db: Db, stripe: Stripe, events: Stripe.Event[], erased: ErasedPaymentSubjects, pass: DrainPass): Promise<void> {
  try {
    const outcome = await processEvents(db, stripe, events, erased);
    pass.applied += outcome.processed.length + outcome.ignored.length;
    pass.retry += outcome.deferred.length;
  } catch (error) {
    // Nothing was written: the events are left for the next pass (which sets a newly erased customer's aside).
    if (error instanceof BatchClaimedElsewhere || error instanceof CustomerErasedSinceLookUp) {
      pass.retry += events.length;
      return;
    }
    if (events.length === 1) {
      await recordEventFailure(db, events[0]!.id, error instanceof Error ? error.message : String(error));
      pass.failed += 1;
      return;
    }
    const half = Math.ceil(events.length / 2);
    await applyIsolatingFailures(db, stripe, events.slice(0, half), erased, pass);
    await applyIsolatingFailures(db, stripe, events.slice(half), erased, pass);
  }
}

/** Applies every due event now, pass after pass, until none is left (replay, tests, a restart). */
export async function drainInbox(db: Db, stripe: Stripe, options: { batchSize?: number } = {}): Promise<void> {
  for (;;) {
    const pass = await drainInboxOnce(db, stripe, options);
    if (pass.due === 0 || pass.applied + pass.retry === 0) return;
  }
}

/** Re-applies the failed events now, oldest first (`npm run stripe:replay`, runbooks). */
export async function replayFailedEvents(db: Db, stripe: Stripe, options: { limit?: number } = {}): Promise<{ processed: number; stillFailing: number }> {
  const ids = await makeFailedEventsDue(db, options.limit ?? 10_000);
  await drainInbox(db, stripe);
  const stillFailing = await countFailedAmong(db, ids);
  return { processed: ids.length - stillFailing, stillFailing };
}

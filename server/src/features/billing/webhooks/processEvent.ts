import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { NOTHING_ERASED, type ErasedPaymentSubjects } from '../../privacy/erasure/erasedCustomers.queries.js';
import { refreshRevenueForCustomers } from '../../revenue/refreshCustomerRevenue.js';
import { insertSubscriptionHistory, lockMirrorWrites, upsertUpcomingInvoices } from '../mirror/mirror.queries.js';
import { planStates } from '../mirror/mirrorState.js';
import { resolvePlans } from '../mirror/resolvePlans.js';
import { writeResolutions } from '../mirror/writeMirror.js';
import { yieldTurn } from '../mirror/yieldTurn.js';
import { appliedStatesFromLedger } from './appliedStates.js';
import { hasEventOfErasedCustomer, maskLedgerOfErasedCustomers, splitErasedCustomerEvents } from './erasedCustomerEvents.js';
import { claimEventsAsDone, commitBatchWithoutWaitingForDisk, returnEventsToQueue } from './eventLedger.queries.js';
import { objectKey, planEventBatch } from './eventStates.js';

/**
 * The event types that change the mirror: subscribe a Stripe webhook endpoint to
 * these (anything else is recorded and ignored).
 */
export const MIRRORED_EVENT_TYPES = [
  'customer.created', 'customer.updated', 'customer.deleted',
  'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted',
  'customer.subscription.paused', 'customer.subscription.resumed', 'customer.subscription.trial_will_end',
  'customer.subscription.pending_update_applied', 'customer.subscription.pending_update_expired',
  'invoice.created', 'invoice.updated', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded', 'invoice.payment_failed',
  'invoice.marked_uncollectible', 'invoice.voided', 'invoice.deleted', 'invoice.upcoming',
  'charge.succeeded', 'charge.failed', 'charge.refunded', 'charge.captured', 'charge.updated',
  'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed',
  'refund.created', 'refund.updated', 'refund.failed',
  'credit_note.created', 'credit_note.updated', 'credit_note.voided',
  'product.created', 'product.updated', 'product.deleted',
  'price.created', 'price.updated', 'price.deleted',
  'coupon.created', 'coupon.updated', 'coupon.deleted',
] as const;

/** Another worker claimed some of the batch's events first: nothing was written; look again. */
export class BatchClaimedElsewhere extends Error {
  constructor() {
    super('another worker claimed part of this batch');
  }
}

/**
 * An erasure closed the mirror to the customer of one of the batch's events after the pass
 * looked its customers up: nothing was written; the next pass looks again and sets those
 * events aside.
 */
export class CustomerErasedSinceLookUp extends Error {
  constructor() {
    super('an erasure closed the billing mirror to a customer of this batch after its look-up');
  }
}

export interface BatchOutcome {
  processed: string[];
  ignored: string[];
  /** Events about objects another writer changed meanwhile: still pending, for the next batch. */
  deferred: string[];
}

/**
 * Applies a batch of inbox events in one transaction:
 * 1. outside any transaction: events → states (coalesced per object), the ordering rule,
 *    and every Stripe call that needs (resolvePlans);
 * 2. in one transaction holding the mirror write lock: claim the events by marking them
 *    done (only those still to apply change — all of them or none, so two workers never
 *    apply one event), write the mirror rows, their children, every subscription
 *    state's history row, the revenue of the customers those states belong to, and the
 *    upcoming invoices, and put back in the queue the events of objects another writer
 *    changed meanwhile. A crash anywhere rolls it all back and leaves the events pending
 *    (also a crash right after an unflushed commit: commitBatchWithoutWaitingForDisk).
 *
 * Events about customers a GDPR erasure has deleted and closed the mirror to
 * (`erasedCustomers`, looked up per pass by the drain before planning, so no Stripe call
 * is made for them; refunds and disputes through their charge) are not applied: the
 * erasure's mirror steps leave the customer's rows as the law lets them stay
 * (masked; invoices kept with their amounts), and the customer is gone at Stripe. Their own object would write the person's data back,
 * and their masked object (ids only) would blank the amounts kept under the accounting
 * obligation, so the mirror stays as the erasure left it. They are claimed `ignored` and
 * their ledger rows masked, in the batch's transaction. The look-up ran outside the
 * lock: the transaction asks again, under it, about the events it is to apply, and
 * throws CustomerErasedSinceLookUp when an erasure closed the mirror to one of their
 * customers meanwhile (docs/gdpr.md, "Stripe").
 */
export async function processEvents(db: Db, stripe: Stripe, events: Stripe.Event[], erasedCustomers: ErasedPaymentSubjects = NOTHING_ERASED): Promise<BatchOutcome> {
  const erased = splitErasedCustomerEvents(events, erasedCustomers);
  const batch = await planEventBatch(erased.live, stripe);
  await yieldTurn();
  const resolutions = await resolvePlans(db, stripe, planStates(batch.states), { appliedStatesOfSecond: appliedStatesFromLedger(db) });
  await yieldTurn();
  return db.transaction().execute(async (trx) => {
    await commitBatchWithoutWaitingForDisk(trx);
    await lockMirrorWrites(trx);
    if (await hasEventOfErasedCustomer(trx, erased.live)) throw new CustomerErasedSinceLookUp();
    const ignored = [...batch.ignored, ...erased.erasedEventIds];
    const claimed = await claimEventsAsDone(trx, { processed: batch.mirrored, ignored });
    if (claimed.length !== events.length) throw new BatchClaimedElsewhere();
    await maskLedgerOfErasedCustomers(trx, erased.erasedCustomerIds);
    const { deferred } = await writeResolutions(trx, resolutions);
    const deferredKeys = new Set(deferred.map((plan) => objectKey(plan.kind.table, plan.id)));
    const isDeferred = (id: string) => deferredKeys.has(batch.objectOf.get(id) ?? '');
    await insertSubscriptionHistory(trx, batch.history);
    // Revenue is kept incrementally: the customers whose subscription states this batch
    // recorded get their movements recomputed in the same transaction (issue 9, §1).
    await refreshRevenueForCustomers(trx, [...new Set(batch.history.map((row) => row.customerId))]);
    await upsertUpcomingInvoices(trx, batch.upcoming);
    const outcome = { processed: batch.mirrored.filter((id) => !isDeferred(id)), ignored, deferred: batch.mirrored.filter(isDeferred) };
    await returnEventsToQueue(trx, outcome.deferred);
    return outcome;
  });
}

import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { processEvent } from './processEvent.js';

export type DeliveryOutcome = { status: 'processed' | 'ignored' | 'duplicate' } | { status: 'failed'; error: string };

/**
 * Records a Stripe event in `ops.stripe_events` and applies it, exactly once:
 * - the ledger row and the mirror changes commit in one transaction;
 * - a second delivery of a processed (or ignored) event is a no-op; concurrent
 *   deliveries of one event wait on the ledger row's lock, then see it done;
 * - a processing failure rolls the mirror changes back and leaves the event in the
 *   ledger as `failed` with its error, for Stripe's retry or `npm run stripe:replay`.
 */
export async function receiveEvent(db: Db, event: Stripe.Event, stripe: Stripe): Promise<DeliveryOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ops.stripeEvents')
        .values({ id: event.id, type: event.type, created: new Date(event.created * 1000), apiVersion: event.api_version, payload: JSON.stringify(event), status: 'failed', attempts: 0 })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const ledger = await trx.selectFrom('ops.stripeEvents').select(['status', 'attempts']).where('id', '=', event.id).forUpdate().executeTakeFirstOrThrow();
      // A new row is inserted as `failed` with 0 attempts and only committed as done.
      if (ledger.attempts > 0 && ledger.status !== 'failed') return { status: 'duplicate' as const };

      const result = await processEvent(trx, event, stripe);
      await trx
        .updateTable('ops.stripeEvents')
        .set({ status: result, processedAt: new Date(), attempts: ledger.attempts + 1, lastError: null })
        .where('id', '=', event.id)
        .execute();
      return { status: result };
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordFailure(db, event, message);
    return { status: 'failed', error: message };
  }
}

async function recordFailure(db: Db, event: Stripe.Event, message: string): Promise<void> {
  await db
    .insertInto('ops.stripeEvents')
    .values({ id: event.id, type: event.type, created: new Date(event.created * 1000), apiVersion: event.api_version, payload: JSON.stringify(event), status: 'failed', attempts: 1, lastError: message })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({ attempts: eb('ops.stripeEvents.attempts', '+', 1), lastError: message, status: 'failed' })).where('ops.stripeEvents.status', '=', 'failed'),
    )
    .execute();
}

/** Re-applies every failed event, oldest first (`npm run stripe:replay`, runbooks). */
export async function replayFailedEvents(db: Db, stripe: Stripe, options: { limit?: number } = {}): Promise<{ processed: number; stillFailing: number }> {
  const failed = await db
    .selectFrom('ops.stripeEvents')
    .select(['id', 'payload'])
    .where('status', '=', 'failed')
    .orderBy('created')
    .orderBy('id')
    .limit(options.limit ?? 10_000)
    .execute();
  let processed = 0;
  for (const row of failed) {
    const outcome = await receiveEvent(db, row.payload as Stripe.Event, stripe);
    if (outcome.status !== 'failed') processed += 1;
  }
  return { processed, stillFailing: failed.length - processed };
}

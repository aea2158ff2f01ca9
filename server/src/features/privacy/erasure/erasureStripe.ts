import { sql } from 'kysely';
import Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import { insertAttemptedStep, recordStepDone } from './erasureSteps.queries.js';

/** What a receipt and the step ledger keep of Stripe's answer: ids and the verdict, nothing personal. */
export interface StripeDeletion {
  customerId: string;
  deleted: boolean;
  response: { id: string; object: string; deleted: boolean } | { error: 'resource_missing'; message: string };
}

export const stripeStepKey = (customerId: string) => `stripe:${customerId}`;
export const stripeIdempotencyKey = (requestId: string, customerId: string) => `opsdesk-erasure-${requestId}-${customerId}`;

/**
 * Deletes one Stripe customer, intent-first: the step is recorded `attempted` and
 * committed before the call, `done` with Stripe's answer after. A step found attempted
 * (the process died around the call) is sent again with the same idempotency key, which
 * Stripe answers with its first answer; a 404 `resource_missing` means the customer is
 * already gone (deleted by that first call after the key expired, or by someone else).
 * Stripe ends the customer's subscriptions with it and keeps its invoices.
 */
export async function deleteStripeCustomer(db: Db, stripe: Stripe, requestId: string, customerId: string): Promise<StripeDeletion> {
  const stepKey = stripeStepKey(customerId);
  await insertAttemptedStep(db, requestId, stepKey);
  let deletion: StripeDeletion;
  try {
    const answer = await stripe.customers.del(customerId, {}, { idempotencyKey: stripeIdempotencyKey(requestId, customerId) });
    deletion = { customerId, deleted: answer.deleted === true, response: { id: answer.id, object: answer.object, deleted: answer.deleted === true } };
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError) || error.code !== 'resource_missing') throw error;
    deletion = { customerId, deleted: true, response: { error: 'resource_missing', message: `No such customer: ${customerId}` } };
  }
  await recordStepDone(db, requestId, stepKey, deletion);
  return deletion;
}

/** How long the erasure waits for Stripe's `customer.deleted` webhook before masking the mirror without it. */
export const DELETION_EVENT_WAIT_MS = 30_000;

/**
 * Waits (bounded, reading the ledger every 200 ms) until the webhook ledger holds Stripe's
 * `customer.deleted` event for the customer, applied by the inbox drain: the mirror shows
 * the customer deleted (and its subscriptions ended, sent before it) before the erasure
 * closes the mirror to the customer's events (`billing:closed`, which would set it aside
 * unapplied), and the mirror and ledger steps that follow mask it too. False when it was
 * not applied in time (webhooks not connected, Stripe slow, the event failing): the
 * erasure goes on, and says so in the job's log.
 */
export async function waitForDeletionEvent(db: Db, customerId: string, boundMs = DELETION_EVENT_WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const seen = await db
      .selectFrom('ops.stripeEvents')
      .select('id')
      .where('type', '=', 'customer.deleted')
      .where('status', 'in', ['processed', 'ignored'])
      .where(sql<string>`payload->'data'->'object'->>'id'`, '=', customerId)
      .executeTakeFirst();
    if (seen) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

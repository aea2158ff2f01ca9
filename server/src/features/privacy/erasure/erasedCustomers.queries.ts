import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.js';
import { stripeStepKey } from './erasureStripe.js';
import { AUDIT_SHRED_STEP } from './erasureSteps.queries.js';

/**
 * The step that follows the erasure's billing mirror and webhook ledger steps
 * (erasureRun.service.ts: Stripe → mirror and ledger → audit keys). Once it is recorded,
 * the customer's mirror rows and ledger events are masked for good.
 */
const AFTER_MIRROR_AND_LEDGER_STEP = AUDIT_SHRED_STEP;

/**
 * Of these Stripe customer ids, those an erasure has deleted at Stripe (its `stripe:<id>`
 * step is done) and whose mirror and ledger it has masked already: the step ledger is the
 * durable record, so no table of its own. Gated on the masking rather than the deletion,
 * because the `customer.deleted` and `customer.subscription.deleted` events Stripe sends
 * during the erasure must still reach the mirror before it is masked (the mirror shows
 * the customer deleted and its subscription ended). The webhook drain asks this once per
 * batch (docs/gdpr.md, "Stripe"). The table holds a few dozen rows per erasure, so a scan
 * on `step_key` stays small; the request's own step is found by the primary key.
 */
export async function findErasedStripeCustomerIds(db: DbOrTrx, customerIds: readonly string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('ops.privacyErasureSteps as s')
    .select('s.stepKey')
    .where('s.stepKey', '=', sql<string>`any(${customerIds.map(stripeStepKey)}::text[])`)
    .where('s.state', '=', 'done')
    .where((eb) => eb.exists(eb.selectFrom('ops.privacyErasureSteps as a').select('a.stepKey').whereRef('a.requestId', '=', 's.requestId').where('a.stepKey', '=', AFTER_MIRROR_AND_LEDGER_STEP)))
    .execute();
  const byStepKey = new Map(customerIds.map((id) => [stripeStepKey(id), id]));
  return new Set(rows.map((row) => byStepKey.get(row.stepKey)!));
}

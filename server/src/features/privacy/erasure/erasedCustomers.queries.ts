import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.js';
import { stripeStepKey } from './erasureStripe.js';
import { AUDIT_SHRED_STEP } from './erasureSteps.queries.js';

/**
 * The erasure step that closes the billing mirror and the webhook ledger to the erased
 * customers' events (erasureRun.service.ts: Stripe → this step → mirror and ledger
 * tables → audit keys). It commits holding the mirror write lock (lockMirrorWrites), as
 * every webhook batch does, so a batch either ends before it or reads it done under the
 * lock; the mirror and ledger are masked only after it.
 */
export const BILLING_CLOSED_STEP = 'billing:closed';

/**
 * The steps that say the mirror is closed to a request's customers: BILLING_CLOSED_STEP,
 * or the audit shredding that follows the mirror and ledger steps — the gate before
 * BILLING_CLOSED_STEP existed, kept for erasures that masked their mirror and ledger
 * without it (finished, or resumed past those steps) so their customers stay erased.
 */
const MIRROR_CLOSED_STEPS = [BILLING_CLOSED_STEP, AUDIT_SHRED_STEP];

/** What a webhook drain pass asks about: the customers its events name, and the charges and payment intents of those that name none (refunds, disputes). */
export interface PaymentSubjects {
  customerIds: readonly string[];
  chargeIds: readonly string[];
  paymentIntentIds: readonly string[];
}

/** Of those, the ones an erasure has deleted and closed the mirror to: customers, and charges and payment intents with their customer. */
export interface ErasedPaymentSubjects {
  customerIds: ReadonlySet<string>;
  customerOfCharge: ReadonlyMap<string, string>;
  customerOfPaymentIntent: ReadonlyMap<string, string>;
}

export const NOTHING_ERASED: ErasedPaymentSubjects = { customerIds: new Set(), customerOfCharge: new Map(), customerOfPaymentIntent: new Map() };

/**
 * Which of these Stripe customers, charges and payment intents belong to a customer an
 * erasure has deleted at Stripe (its `stripe:<id>` step is done) and closed the mirror and
 * ledger to (MIRROR_CLOSED_STEPS): the step ledger is the durable record, so no table of
 * its own. A charge or payment intent is the customer's as the mirror records it
 * (`billing.charges`, kept by the erasure with its customer id), as the data map's ledger
 * link reads it. Gated on the closing rather than the deletion, because the
 * `customer.deleted` and `customer.subscription.deleted` events Stripe sends during the
 * erasure must still reach the mirror before it is masked (the mirror shows the customer
 * deleted and its subscription ended). The webhook drain asks this before a batch, and
 * again under the mirror write lock about the events it is about to apply (docs/gdpr.md,
 * "Stripe"). Steps are found by `step_key` through migration 0033's index (a few dozen
 * rows per erasure: a scan grew with every erasure); charges by their primary key and
 * payment intent index.
 */
export async function findErasedPaymentSubjects(db: DbOrTrx, asked: PaymentSubjects): Promise<ErasedPaymentSubjects> {
  if (asked.customerIds.length + asked.chargeIds.length + asked.paymentIntentIds.length === 0) return NOTHING_ERASED;
  // Most passes hold no refund or dispute: their customers alone, in the statement below
  // without the charges (planning the union cost each pass about 0.4 ms more).
  if (asked.chargeIds.length + asked.paymentIntentIds.length === 0) return { ...NOTHING_ERASED, customerIds: await findErasedCustomerIds(db, asked.customerIds) };
  const { rows } = await sql<{ customerId: string; chargeId: string | null; paymentIntentId: string | null }>`
    with asked (customer_id, charge_id, payment_intent_id) as (
      select id, null::text, null::text from unnest(${[...asked.customerIds]}::text[]) as id
      union all
      select customer_id, id, null from billing.charges where id = any(${[...asked.chargeIds]}::text[]) and customer_id is not null
      union all
      select customer_id, null, payment_intent_id from billing.charges where payment_intent_id = any(${[...asked.paymentIntentIds]}::text[]) and customer_id is not null
    )
    select a.customer_id, a.charge_id, a.payment_intent_id from asked a
    where exists (
      select 1 from ops.privacy_erasure_steps s
      -- The customer's Stripe step, keyed as stripeStepKey keys it.
      where s.step_key = ${stripeStepKey('')} || a.customer_id and s.state = 'done'
        and exists (select 1 from ops.privacy_erasure_steps m where m.request_id = s.request_id and m.step_key = any(${MIRROR_CLOSED_STEPS}::text[]) and m.state = 'done')
    )`.execute(db);
  const erased = { customerIds: new Set<string>(), customerOfCharge: new Map<string, string>(), customerOfPaymentIntent: new Map<string, string>() };
  for (const row of rows) {
    if (row.chargeId) erased.customerOfCharge.set(row.chargeId, row.customerId);
    else if (row.paymentIntentId) erased.customerOfPaymentIntent.set(row.paymentIntentId, row.customerId);
    else erased.customerIds.add(row.customerId);
  }
  return erased;
}

/** The customers-only form of findErasedPaymentSubjects' statement. */
async function findErasedCustomerIds(db: DbOrTrx, customerIds: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('ops.privacyErasureSteps as s')
    .select('s.stepKey')
    .where('s.stepKey', '=', sql<string>`any(${customerIds.map(stripeStepKey)}::text[])`)
    .where('s.state', '=', 'done')
    .where((eb) =>
      eb.exists(eb.selectFrom('ops.privacyErasureSteps as a').select('a.stepKey').whereRef('a.requestId', '=', 's.requestId').where('a.stepKey', 'in', MIRROR_CLOSED_STEPS).where('a.state', '=', 'done')),
    )
    .execute();
  const byStepKey = new Map(customerIds.map((id) => [stripeStepKey(id), id]));
  return new Set(rows.map((row) => byStepKey.get(row.stepKey)!));
}

import { sql, type Kysely } from 'kysely';

/**
 * The GDPR erasure's ledger links (dataMap.ops.ts, OF_CUSTOMERS_CHARGES): refund, dispute,
 * review and early-fraud-warning events name no customer and are the subject's through the
 * charge or payment intent their object points to. Only the type index served them, so
 * each count and mask statement read the payload of every such event of the ledger (90 to
 * 230 ms at 12,000 to 300,000 events, growing with the ledger). These indexes look up the
 * subject's charges and payment intents directly.
 *
 * Partial on exactly the data map's `when` (same types, same order, same `type in (…)`
 * form): PostgreSQL then drops that condition as implied by the index. With another order
 * it still uses the index but also reads the type index for the condition. Only these
 * events enter the indexes, so ingesting any other webhook costs nothing more.
 *
 * The list is CHARGE_LINKED_EVENT_TYPES (billing/webhooks/chargeLinkedEvents.ts) as of this
 * migration, copied here because migrations never import application code.
 * ledgerChargeLinks.plans.test.ts fails when the constant changes; a change needs a new
 * migration that rebuilds these indexes on the new list.
 *
 * A plain `create index`, as 0031 did: Kysely runs the pending migrations in one
 * transaction, where `concurrently` is not allowed. Reads go on while they build; webhook
 * writes to ops.stripe_events wait while each index builds (0.1 to 0.2 s at 100,000 events).
 */
export const CHARGE_LINKED_EVENT_TYPES_0032 = [
  'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_reinstated', 'charge.dispute.funds_withdrawn',
  'charge.refund.updated', 'refund.created', 'refund.updated', 'refund.failed',
  'review.opened', 'review.closed',
  'radar.early_fraud_warning.created', 'radar.early_fraud_warning.updated',
] as const;

const chargeLinked = sql.raw(`type in (${CHARGE_LINKED_EVENT_TYPES_0032.map((type) => `'${type}'`).join(', ')})`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index stripe_events_charge_idx on ops.stripe_events ((payload->'data'->'object'->>'charge')) where ${chargeLinked}`.execute(db);
  await sql`create index stripe_events_payment_intent_idx on ops.stripe_events ((payload->'data'->'object'->>'payment_intent')) where ${chargeLinked}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.stripe_events_payment_intent_idx`.execute(db);
  await sql`drop index ops.stripe_events_charge_idx`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Indexes on the Stripe mirror for the customer list's "has failed payment" filter
 * (the lookup's card last 4, payment intent and email indexes came with 0002).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index charges_failed_customer_idx on billing.charges (customer_id) where status = 'failed'`.execute(db);
  await sql`
    create index invoices_failed_customer_idx on billing.invoices (customer_id)
    where status in ('open', 'uncollectible') and attempt_count > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index billing.charges_failed_customer_idx, billing.invoices_failed_customer_idx`.execute(db);
}

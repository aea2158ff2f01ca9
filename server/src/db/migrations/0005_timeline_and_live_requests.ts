import { sql, type Kysely } from 'kysely';

/**
 * 1. The customer timeline reads Stripe events by the customer they concern; without
 *    this expression index it scans the whole ledger.
 * 2. An action's idempotency key blocks repeats only while its request is live
 *    (pending or done): once rejected or expired, the same request may be made again.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index stripe_events_customer_idx on ops.stripe_events (
      (coalesce(payload->'data'->'object'->>'customer',
                case when payload->'data'->'object'->>'object' = 'customer' then payload->'data'->'object'->>'id' end)),
      created desc, id desc)`.execute(db);

  await sql`alter table ops.action_requests drop constraint action_requests_idempotency_key_key`.execute(db);
  await sql`create unique index action_requests_live_key on ops.action_requests (idempotency_key) where status in ('pending_approval', 'succeeded')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.action_requests_live_key`.execute(db);
  await sql`alter table ops.action_requests add constraint action_requests_idempotency_key_key unique (idempotency_key)`.execute(db);
  await sql`drop index ops.stripe_events_customer_idx`.execute(db);
}

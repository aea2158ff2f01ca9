import { sql, type Kysely } from 'kysely';

/**
 * The webhook drain asks, twice per batch, which of its customers a GDPR erasure has
 * deleted and closed the billing mirror to (privacy/erasure/erasedCustomers.queries.ts):
 * a look-up of `stripe:<customer id>` steps across every request. The primary key starts
 * with the request, so each batch read the whole steps table: a few dozen rows per
 * erasure, about 1.2 ms per look-up at 200 erasures and growing with every one. Partial
 * on the finished steps, which are all the look-up wants.
 *
 * A plain `create index` (migrations run in one transaction); the table is small.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index privacy_erasure_steps_done_key_idx on ops.privacy_erasure_steps (step_key) where state = 'done'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.privacy_erasure_steps_done_key_idx`.execute(db);
}

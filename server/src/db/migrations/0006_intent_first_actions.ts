import { sql, type Kysely } from 'kysely';

/**
 * Staff actions with an effect outside the database (Stripe) are intent-first: the
 * request row (`executing`) and an `attempted` audit row commit before the call, the
 * outcome after. So the request gets two more end states (`failed`: the effect did not
 * happen; `void`: its requester was disabled before a decision), a lease so that only
 * one process drives an `executing` request at a time (the reconciler finishes those
 * whose outcome was never recorded), and the money it moves, which the money policy adds
 * up per customer over a rolling window.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table ops.action_requests drop constraint action_requests_status_check`.execute(db);
  await sql`
    alter table ops.action_requests add constraint action_requests_status_check
      check (status in ('pending_approval', 'executing', 'succeeded', 'failed', 'rejected', 'expired', 'void'))`.execute(db);
  await sql`
    alter table ops.action_requests
      add column money_amount bigint,
      add column money_currency text,
      add column lease_until timestamptz,
      add column attempts integer not null default 0,
      add column last_error text`.execute(db);

  // An executing request blocks its key like a pending or finished one: a retry finds it.
  await sql`drop index ops.action_requests_live_key`.execute(db);
  await sql`create unique index action_requests_live_key on ops.action_requests (idempotency_key) where status in ('pending_approval', 'executing', 'succeeded')`.execute(db);
  await sql`create index action_requests_executing_idx on ops.action_requests (lease_until) where status = 'executing'`.execute(db);
  await sql`create index action_requests_requester_pending_idx on ops.action_requests (requester_id) where status = 'pending_approval'`.execute(db);

  await sql`alter table ops.audit_log drop constraint audit_log_result_check`.execute(db);
  await sql`alter table ops.audit_log add constraint audit_log_result_check check (result in ('success', 'failure', 'denied', 'attempted'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table ops.audit_log drop constraint audit_log_result_check`.execute(db);
  await sql`alter table ops.audit_log add constraint audit_log_result_check check (result in ('success', 'failure', 'denied'))`.execute(db);
  await sql`drop index ops.action_requests_requester_pending_idx`.execute(db);
  await sql`drop index ops.action_requests_executing_idx`.execute(db);
  await sql`drop index ops.action_requests_live_key`.execute(db);
  await sql`create unique index action_requests_live_key on ops.action_requests (idempotency_key) where status in ('pending_approval', 'succeeded')`.execute(db);
  await sql`alter table ops.action_requests drop column money_amount, drop column money_currency, drop column lease_until, drop column attempts, drop column last_error`.execute(db);
  await sql`alter table ops.action_requests drop constraint action_requests_status_check`.execute(db);
  await sql`alter table ops.action_requests add constraint action_requests_status_check check (status in ('pending_approval', 'succeeded', 'rejected', 'expired'))`.execute(db);
}

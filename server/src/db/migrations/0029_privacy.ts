import { sql, type Kysely } from 'kysely';

/**
 * GDPR requests (docs/gdpr.md): the requests with their deadlines and steps, the erasure
 * job's per-step ledger (each step recorded in the transaction that does it, so a resumed
 * job never does one twice), and the audit log's per-subject keys (crypto-shredding: the
 * chained rows hold personal values encrypted under their subject's key, kept here,
 * outside the chain; erasure destroys the key and the chain still verifies).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.privacy_requests (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('access', 'erasure')),
      status text not null default 'received' check (status in ('received', 'verified', 'approved', 'in_progress', 'completed', 'rejected', 'on_hold')),
      subject_kind text not null check (subject_kind in ('email', 'user_id', 'stripe_customer_id')),
      -- As given; replaced by its keyed hash once an erasure completes (the request itself is kept as proof).
      subject_value text not null check (length(subject_value) between 1 and 320),
      -- Name and email for the console, found when the subject was resolved; masked with the value.
      subject_label text check (length(subject_label) <= 500),
      user_id uuid,
      customer_ids text[] not null default '{}',
      channel text not null check (channel in ('email', 'web_form', 'support_ticket', 'post', 'phone', 'other')),
      note text check (length(note) <= 2000),
      received_at timestamptz not null,
      original_due_on date not null,
      due_on date not null,
      extension_months smallint check (extension_months between 1 and 2),
      extension_reason text check (length(extension_reason) <= 1000),
      extended_at timestamptz,
      extended_by uuid references ops.staff (id),
      verification_method text check (verification_method in ('email_confirmation', 'signed_in_account', 'id_document', 'support_ticket_history', 'other')),
      verification_note text check (length(verification_note) <= 1000),
      verified_at timestamptz,
      verified_by uuid references ops.staff (id),
      hold_reason text check (length(hold_reason) <= 1000),
      held_at timestamptz,
      held_by uuid references ops.staff (id),
      status_before_hold text,
      rejected_reason text check (length(rejected_reason) <= 1000),
      -- The erasure's staff-action request (ops.action_requests) and the plan it binds.
      approval_request_id uuid,
      plan jsonb,
      plan_hash text,
      job_id uuid,
      export_path text,
      export_sha256 text,
      export_bytes bigint,
      export_expires_at timestamptz,
      export_deleted_at timestamptz,
      receipt jsonb,
      completed_at timestamptz,
      created_by uuid not null references ops.staff (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'on_hold') = (hold_reason is not null)),
      check (status <> 'rejected' or rejected_reason is not null),
      check ((extension_months is null) = (extension_reason is null))
    )`.execute(db);
  // Deadline views: open requests by due date.
  await sql`create index privacy_requests_due_idx on ops.privacy_requests (due_on) where status not in ('completed', 'rejected')`.execute(db);
  await sql`create index privacy_requests_created_idx on ops.privacy_requests (created_at desc, id desc)`.execute(db);
  await sql`create index privacy_requests_user_idx on ops.privacy_requests (user_id) where user_id is not null`.execute(db);
  await sql`create index privacy_requests_customers_idx on ops.privacy_requests using gin (customer_ids)`.execute(db);
  // At most one open erasure per subject value at a time.
  await sql`create unique index privacy_requests_open_erasure_key on ops.privacy_requests (subject_kind, lower(subject_value)) where kind = 'erasure' and status not in ('completed', 'rejected')`.execute(db);

  await sql`
    create table ops.privacy_erasure_steps (
      request_id uuid not null references ops.privacy_requests (id),
      step_key text not null check (length(step_key) <= 200),
      -- attempted: an outside call (Stripe) was about to be made; done: its outcome is recorded.
      state text not null check (state in ('attempted', 'done')),
      result jsonb,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (request_id, step_key)
    )`.execute(db);

  await sql`
    create table ops.audit_subject_keys (
      -- 'customer:cus_…', 'user:<uuid>', 'privacy_request:<uuid>'.
      subject_ref text primary key check (length(subject_ref) <= 300),
      key bytea check (key is null or length(key) = 32),
      created_at timestamptz not null default now(),
      shredded_at timestamptz,
      shredded_by_request uuid,
      check ((key is null) = (shredded_at is not null))
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.audit_subject_keys`.execute(db);
  await sql`drop table ops.privacy_erasure_steps`.execute(db);
  await sql`drop table ops.privacy_requests`.execute(db);
}

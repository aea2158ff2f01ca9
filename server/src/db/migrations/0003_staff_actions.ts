import { sql, type Kysely } from 'kysely';

/**
 * Staff actions on customers: every risky action is one row here, whether it ran at
 * once or waits for a second person (four-eyes). The idempotency key is unique, so a
 * double click, a retry or a second tab finds the first row instead of acting twice.
 * Also staff notes and saved filters. Frozen in time: never import application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.action_requests (
      id uuid primary key default gen_random_uuid(),
      action text not null,
      idempotency_key text not null unique,
      requester_id uuid not null references ops.staff (id),
      target_type text not null,
      target_id text not null,
      input jsonb not null,
      preview jsonb,
      reason text,
      status text not null check (status in ('pending_approval', 'succeeded', 'rejected', 'expired')),
      approval_reason text,
      approver_id uuid references ops.staff (id),
      decision_comment text,
      decided_at timestamptz,
      result jsonb,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      executed_at timestamptz
    )`.execute(db);
  await sql`create index action_requests_pending_idx on ops.action_requests (created_at desc) where status = 'pending_approval'`.execute(db);
  await sql`create index action_requests_target_idx on ops.action_requests (target_type, target_id, created_at desc)`.execute(db);

  await sql`
    create table ops.staff_notes (
      id uuid primary key default gen_random_uuid(),
      subject_type text not null,
      subject_id text not null,
      author_id uuid not null references ops.staff (id),
      body text not null,
      pinned boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz
    )`.execute(db);
  await sql`create index staff_notes_subject_idx on ops.staff_notes (subject_type, subject_id, pinned desc, created_at desc) where deleted_at is null`.execute(db);

  await sql`
    create table ops.saved_filters (
      id uuid primary key default gen_random_uuid(),
      resource text not null,
      name text not null,
      filter jsonb not null,
      owner_id uuid not null references ops.staff (id),
      shared boolean not null default true,
      created_at timestamptz not null default now(),
      unique (resource, owner_id, name)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.saved_filters, ops.staff_notes, ops.action_requests`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Opsdesk's own schema: staff, sessions, settings and the audit log.
 * Frozen in time: migrations take Kysely<any> and never import application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists ops`.execute(db);

  await sql`
    create table ops.staff (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      roles text[] not null check (cardinality(roles) > 0),
      password_hash text not null,
      status text not null default 'active' check (status in ('active', 'disabled')),
      totp_secret text,
      totp_enrolled_at timestamptz,
      totp_last_time_step bigint,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_login_at timestamptz
    )`.execute(db);
  await sql`create unique index staff_email_key on ops.staff (lower(email))`.execute(db);

  await sql`
    create table ops.staff_sessions (
      id text primary key,
      staff_id uuid not null references ops.staff (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index staff_sessions_staff_id_idx on ops.staff_sessions (staff_id) where revoked_at is null`.execute(db);

  await sql`
    create table ops.settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table ops.audit_log (
      id bigint primary key,
      occurred_at timestamptz not null default now(),
      actor_id uuid,
      actor_email text,
      actor_roles text[] not null default '{}',
      action text not null,
      target_type text,
      target_id text,
      reason text,
      input jsonb,
      before jsonb,
      after jsonb,
      result text not null check (result in ('success', 'failure', 'denied')),
      error text,
      request_id text,
      ip text,
      user_agent text,
      prev_hash text,
      hash text not null
    )`.execute(db);
  await sql`create sequence ops.audit_log_id_seq owned by ops.audit_log.id`.execute(db);
  await sql`create index audit_log_occurred_at_idx on ops.audit_log (occurred_at desc, id desc)`.execute(db);
  await sql`create index audit_log_actor_idx on ops.audit_log (actor_id, id desc)`.execute(db);
  await sql`create index audit_log_action_idx on ops.audit_log (action, id desc)`.execute(db);
  await sql`create index audit_log_target_idx on ops.audit_log (target_type, target_id, id desc)`.execute(db);

  // The head of the hash chain. Locking this one row serialises appends, so ids and
  // prev_hash links follow commit order even under concurrent transactions; it also
  // lets audit:verify notice rows cut off the end of the log.
  await sql`
    create table ops.audit_chain_head (
      singleton boolean primary key default true check (singleton),
      last_id bigint,
      last_hash text
    )`.execute(db);
  await sql`insert into ops.audit_chain_head (singleton) values (true)`.execute(db);

  // The canonical text a row's hash covers. jsonb::text is normalised by PostgreSQL
  // (key order, spacing), so the same content always hashes the same.
  await sql`
    create function ops.audit_row_hash(r ops.audit_log) returns text
    language sql immutable as $$
      select encode(sha256(convert_to(concat_ws(E'\\x1f',
        r.id::text,
        to_char(r.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(r.actor_id::text, ''), coalesce(r.actor_email, ''), array_to_string(r.actor_roles, ','),
        r.action, coalesce(r.target_type, ''), coalesce(r.target_id, ''), coalesce(r.reason, ''),
        coalesce(r.input::text, ''), coalesce(r.before::text, ''), coalesce(r.after::text, ''),
        r.result, coalesce(r.error, ''), coalesce(r.request_id, ''), coalesce(r.ip, ''),
        coalesce(r.user_agent, ''), coalesce(r.prev_hash, '')
      ), 'UTF8')), 'hex')
    $$`.execute(db);

  await sql`
    create function ops.audit_log_chain() returns trigger
    language plpgsql as $$
    declare
      head ops.audit_chain_head;
    begin
      select * into head from ops.audit_chain_head where singleton for update;
      new.id := nextval('ops.audit_log_id_seq');
      new.prev_hash := head.last_hash;
      new.hash := ops.audit_row_hash(new);
      update ops.audit_chain_head set last_id = new.id, last_hash = new.hash where singleton;
      return new;
    end $$`.execute(db);
  await sql`create trigger audit_log_chain before insert on ops.audit_log for each row execute function ops.audit_log_chain()`.execute(db);

  await sql`
    create function ops.audit_log_reject_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'ops.audit_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on ops.audit_log for each row execute function ops.audit_log_reject_change()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on ops.audit_log for each statement execute function ops.audit_log_reject_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema ops cascade`.execute(db);
}

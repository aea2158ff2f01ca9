import { sql, type Kysely } from 'kysely';

/**
 * The reference product schema (`app`): the tables of the SaaS product Opsdesk operates,
 * created only in demo and test mode. A real company keeps its own schema and maps it
 * with views (docs/product-schema.md); Opsdesk never migrates `app` in production.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists app`.execute(db);
  // Customer lookup matches partial and misspelt names and emails.
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table app.users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      status text not null default 'active' check (status in ('active', 'suspended', 'banned', 'deleted')),
      suspended_until timestamptz,
      country char(2),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz
    )`.execute(db);
  await sql`create unique index users_email_key on app.users (lower(email))`.execute(db);
  await sql`create index users_email_trgm_idx on app.users using gin (lower(email) gin_trgm_ops)`.execute(db);
  await sql`create index users_name_trgm_idx on app.users using gin (lower(name) gin_trgm_ops)`.execute(db);
  await sql`create index users_created_idx on app.users (created_at)`.execute(db);
  await sql`create index users_status_idx on app.users (status) where status <> 'active'`.execute(db);

  await sql`
    create table app.workspaces (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      owner_user_id uuid not null references app.users (id),
      plan text not null default 'free',
      stripe_customer_id text unique,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index workspaces_owner_idx on app.workspaces (owner_user_id)`.execute(db);
  await sql`create index workspaces_name_trgm_idx on app.workspaces using gin (lower(name) gin_trgm_ops)`.execute(db);

  await sql`
    create table app.workspace_members (
      workspace_id uuid not null references app.workspaces (id) on delete cascade,
      user_id uuid not null references app.users (id) on delete cascade,
      role text not null check (role in ('owner', 'admin', 'member')),
      joined_at timestamptz not null default now(),
      primary key (workspace_id, user_id)
    )`.execute(db);
  await sql`create index workspace_members_user_idx on app.workspace_members (user_id)`.execute(db);

  // Opsdesk deletes a user's rows here to sign them out everywhere (ban, suspension).
  await sql`
    create table app.sessions (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app.users (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip inet,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user_idx on app.sessions (user_id)`.execute(db);

  await sql`
    create table app.content (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app.users (id),
      workspace_id uuid references app.workspaces (id),
      kind text not null,
      title text,
      body text not null,
      status text not null default 'visible' check (status in ('visible', 'hidden', 'removed')),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index content_user_idx on app.content (user_id, created_at desc)`.execute(db);
  await sql`create index content_workspace_idx on app.content (workspace_id)`.execute(db);

  await sql`
    create table app.content_reports (
      id uuid primary key default gen_random_uuid(),
      content_id uuid not null references app.content (id) on delete cascade,
      reporter_user_id uuid references app.users (id),
      reason_code text not null check (reason_code in ('spam', 'harassment', 'hate', 'violence', 'sexual', 'illegal', 'ip_violation', 'other')),
      details text,
      status text not null default 'open' check (status in ('open', 'resolved')),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index content_reports_open_idx on app.content_reports (created_at) where status = 'open'`.execute(db);
  await sql`create index content_reports_content_idx on app.content_reports (content_id)`.execute(db);

  await sql`
    create table app.usage_events (
      id bigserial primary key,
      workspace_id uuid not null references app.workspaces (id) on delete cascade,
      user_id uuid references app.users (id),
      kind text not null,
      quantity bigint not null default 1,
      occurred_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index usage_events_workspace_idx on app.usage_events (workspace_id, occurred_at)`.execute(db);

  // "Usage against the plan's limits": a null limit means unlimited.
  await sql`
    create table app.plan_limits (
      plan text not null,
      metric text not null,
      "limit" bigint,
      primary key (plan, metric)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop schema app cascade`.execute(db);
}

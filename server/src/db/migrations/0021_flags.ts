import { sql, type Kysely } from 'kysely';

/**
 * Feature flags (issue 12, docs/flags.md): environments with a revision counter (the
 * client API's ETag; later, stale approvals), flags, one row per flag × environment
 * (on/off, ordered strategies and variants as Unleash-shaped jsonb, validated by the
 * shared schemas before they are written), segments, and API keys (sha-256 only).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.flag_environments (
      name text primary key check (name ~ '^[a-z][a-z0-9-]{0,39}$'),
      sort_order integer not null default 0,
      protected boolean not null default false,
      revision bigint not null default 1,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    insert into ops.flag_environments (name, sort_order, protected) values
      ('development', 1, false), ('staging', 2, false), ('production', 3, true)`.execute(db);

  await sql`
    create table ops.flags (
      id uuid primary key default gen_random_uuid(),
      key text not null unique check (length(key) between 1 and 255),
      description text not null default '' check (length(description) <= 2000),
      type text not null check (type in ('release', 'experiment', 'operational', 'kill-switch', 'permission')),
      owner_id uuid references ops.staff (id),
      tags text[] not null default '{}' check (cardinality(tags) <= 20),
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index flags_owner_idx on ops.flags (owner_id)`.execute(db);

  await sql`
    create table ops.flag_environment_states (
      flag_id uuid not null references ops.flags (id),
      environment text not null references ops.flag_environments (name),
      enabled boolean not null default false,
      strategies jsonb not null default '[]' check (jsonb_typeof(strategies) = 'array' and octet_length(strategies::text) <= 1048576),
      variants jsonb not null default '[]' check (jsonb_typeof(variants) = 'array' and octet_length(variants::text) <= 262144),
      updated_at timestamptz not null default now(),
      updated_by uuid references ops.staff (id),
      primary key (flag_id, environment)
    )`.execute(db);

  await sql`
    create table ops.flag_segments (
      id serial primary key,
      name text not null unique check (length(name) between 1 and 255),
      description text not null default '' check (length(description) <= 2000),
      constraints jsonb not null default '[]' check (jsonb_typeof(constraints) = 'array' and octet_length(constraints::text) <= 1048576),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table ops.flag_api_keys (
      id uuid primary key default gen_random_uuid(),
      environment text not null references ops.flag_environments (name),
      name text not null check (length(name) between 1 and 100),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      prefix text not null check (length(prefix) <= 32),
      created_by uuid references ops.staff (id),
      created_by_label text not null check (length(created_by_label) <= 320),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by_label text check (length(revoked_by_label) <= 320),
      last_used_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.flag_api_keys`.execute(db);
  await sql`drop table ops.flag_segments`.execute(db);
  await sql`drop table ops.flag_environment_states`.execute(db);
  await sql`drop table ops.flags`.execute(db);
  await sql`drop table ops.flag_environments`.execute(db);
}

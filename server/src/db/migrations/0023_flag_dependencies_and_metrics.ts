import { sql, type Kysely } from 'kysely';

/**
 * Flags, continued (issue 12, docs/flags.md): per-flag dependencies (Unleash's
 * `dependencies`: a parent flag and the state it must be in, validated by the shared
 * schemas before they are written), evaluation counts the products report
 * (`POST /api/client/metrics`, one row per flag × environment × hour, kept 30 days),
 * and the SDK instances that registered (`POST /api/client/register`, kept 30 days).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table ops.flags
      add column dependencies jsonb not null default '[]'
      check (jsonb_typeof(dependencies) = 'array' and octet_length(dependencies::text) <= 262144)`.execute(db);

  await sql`
    create table ops.flag_metrics_hourly (
      flag_id uuid not null references ops.flags (id),
      environment text not null references ops.flag_environments (name),
      hour timestamptz not null check (date_trunc('hour', hour) = hour),
      yes bigint not null default 0 check (yes >= 0),
      no bigint not null default 0 check (no >= 0),
      variants jsonb not null default '{}' check (jsonb_typeof(variants) = 'object' and octet_length(variants::text) <= 65536),
      updated_at timestamptz not null default now(),
      primary key (flag_id, environment, hour)
    )`.execute(db);
  // Retention deletes by age.
  await sql`create index flag_metrics_hourly_hour_idx on ops.flag_metrics_hourly (hour)`.execute(db);

  await sql`
    create table ops.flag_clients (
      environment text not null references ops.flag_environments (name),
      app_name text not null check (length(app_name) between 1 and 255),
      instance_id text not null check (length(instance_id) between 1 and 255),
      sdk_version text check (length(sdk_version) <= 255),
      started_at timestamptz,
      interval_ms integer,
      first_seen_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      primary key (environment, app_name, instance_id)
    )`.execute(db);
  await sql`create index flag_clients_last_seen_idx on ops.flag_clients (last_seen_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.flag_clients`.execute(db);
  await sql`drop table ops.flag_metrics_hourly`.execute(db);
  await sql`alter table ops.flags drop column dependencies`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Built-in golden signals (docs/observability.md): one row per service, instance and
 * minute, every signal of that minute in its columns, plus one row per hour
 * (`resolution_minutes` = 60) kept up to date by the same insert. Wide on purpose: 30
 * days × 20 services is ≈ 860k minute rows rather than ≈ 20 times that with a row per
 * series, and counters and histogram buckets sum with plain aggregates (latency buckets
 * are arrays of fixed length, bounds in code). The hourly rows are what long ranges read
 * (a month is 720 rows per instance, not 43 200): scanning a month of minute rows,
 * interleaved with every other service's, measured 0.6–1.9 s; the page must answer in 0.2.
 * A scheduled job drops minute rows after 35 days and hourly rows after 400.
 * Gauges read from the shared database (PostgreSQL connections, webhook inbox, job queue)
 * are written by every instance alike; reads take their max, not their sum. In hourly
 * rows every gauge is the hour's highest.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.signal_samples (
      service text not null check (length(service) <= 63),
      minute timestamptz not null,
      instance text not null check (length(instance) <= 100),
      resolution_minutes smallint not null default 1 check (resolution_minutes in (1, 60)),
      requests integer not null default 0,
      errors integer not null default 0,
      -- Per-bucket counts and the sum of durations (ms): success (status < 500) and failure apart.
      latency_success integer[],
      latency_success_sum_ms double precision not null default 0,
      latency_failure integer[],
      latency_failure_sum_ms double precision not null default 0,
      -- {"INTERNAL_SERVER_ERROR": 3, "http_5xx": 1}; {"staffApi": 2}: small, usually absent.
      errors_by_code jsonb check (octet_length(errors_by_code::text) <= 4096),
      rate_limit_blocks jsonb check (octet_length(rate_limit_blocks::text) <= 4096),
      pool_in_use real,
      pool_max real,
      pg_connections real,
      pg_max_connections real,
      event_loop_lag_p99_ms real,
      rss_bytes double precision,
      webhooks_received integer,
      webhooks_failed integer,
      webhook_backlog_age_seconds real,
      job_queue_depth integer,
      job_oldest_age_seconds real,
      primary key (service, resolution_minutes, minute, instance)
    )`.execute(db);
  // Retention walks rows by age across services.
  await sql`create index signal_samples_age_idx on ops.signal_samples (resolution_minutes, minute)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.signal_samples`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * SLOs in the console (docs/observability.md, "SLOs in the console"): the definitions,
 * each SLO's latest evaluated status, the state of each of its four burn-rate alerts, and
 * the history of alert state changes with their webhook delivery.
 * - The definition is one jsonb (validated by the shared zod schema before it is written);
 *   service and name are columns too, for the unique pair.
 * - Alert events are kept 400 days (the evaluation job prunes them); statuses and states
 *   are one row per SLO and per SLO × rule, so nothing else grows.
 * - The two SLOs of the seed are stored here once, as frozen copies of DEFAULT_SLOS
 *   (features/slo/defaultSlos.ts; a test checks they still match).
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.slos (
      id uuid primary key default gen_random_uuid(),
      service text not null check (length(service) <= 63),
      name text not null check (length(name) <= 63),
      definition jsonb not null check (octet_length(definition::text) <= 4096),
      runbook jsonb check (octet_length(runbook::text) <= 16384),
      notify boolean not null default true,
      created_at timestamptz not null default now(),
      created_by uuid references ops.staff (id),
      updated_at timestamptz not null default now(),
      updated_by uuid references ops.staff (id),
      unique (service, name)
    )`.execute(db);

  await sql`
    create table ops.slo_statuses (
      slo_id uuid primary key references ops.slos (id) on delete cascade,
      evaluated_at timestamptz not null,
      status jsonb not null check (octet_length(status::text) <= 16384)
    )`.execute(db);

  await sql`
    create table ops.slo_alert_states (
      slo_id uuid not null references ops.slos (id) on delete cascade,
      rule text not null check (rule in ('page-1h', 'page-6h', 'ticket-1d', 'ticket-3d')),
      state text not null check (state in ('firing', 'inactive', 'not_enough_data')),
      since timestamptz not null,
      -- The event that started the current firing, for "firing since" and the active list.
      firing_event_id uuid,
      primary key (slo_id, rule)
    )`.execute(db);

  await sql`
    create table ops.slo_alert_events (
      id uuid primary key default gen_random_uuid(),
      slo_id uuid not null references ops.slos (id) on delete cascade,
      rule text not null check (rule in ('page-1h', 'page-6h', 'ticket-1d', 'ticket-3d')),
      severity text not null check (severity in ('page', 'ticket')),
      state text not null check (state in ('firing', 'resolved')),
      at timestamptz not null,
      long_burn_rate double precision,
      short_burn_rate double precision,
      budget_remaining double precision not null,
      delivery_status text not null check (delivery_status in ('not_configured', 'pending', 'delivered', 'failed')),
      delivery_attempts integer not null default 0,
      delivery_last_error text check (length(delivery_last_error) <= 1000),
      delivered_at timestamptz
    )`.execute(db);
  await sql`create index slo_alert_events_recent_idx on ops.slo_alert_events (at desc, id desc)`.execute(db);
  await sql`create index slo_alert_events_slo_idx on ops.slo_alert_events (slo_id, at desc, id desc)`.execute(db);

  for (const slo of SEEDED_SLOS) {
    await sql`
      insert into ops.slos (service, name, definition, runbook, notify)
      values (${slo.definition.service}, ${slo.definition.name}, ${JSON.stringify(slo.definition)}::jsonb, ${JSON.stringify(slo.runbook)}::jsonb, true)
      on conflict (service, name) do nothing`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.slo_alert_events`.execute(db);
  await sql`drop table ops.slo_alert_states`.execute(db);
  await sql`drop table ops.slo_statuses`.execute(db);
  await sql`drop table ops.slos`.execute(db);
}

/** DEFAULT_SLOS as of this migration, with the runbook action each one's alerts open. */
const SEEDED_SLOS = [
  {
    definition: {
      service: 'opsdesk',
      name: 'latency',
      description: 'API latency p95 under 300 ms: at least 95 % of requests answered within 300 ms',
      sli: { kind: 'latency', thresholdMs: 300 },
      objectivePercent: 95,
      windowDays: 7,
      minValidRequests: 100,
    },
    // Slow answers are most often a saturated database: who holds the connections, and for how long.
    runbook: { action: 'connections.list', params: { longRunningSeconds: 30 } },
  },
  {
    definition: {
      service: 'opsdesk',
      name: 'availability',
      description: 'API error rate under 0.5 %: at most 0.5 % of requests answered 5xx',
      sli: { kind: 'availability' },
      objectivePercent: 99.5,
      windowDays: 7,
      minValidRequests: 100,
    },
    // Failing requests: the health check says which dependency is down and which entry to open next.
    runbook: { action: 'health.check', params: {} },
  },
];

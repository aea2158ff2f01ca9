import { sql, type Kysely } from 'kysely';

/**
 * Precomputed revenue (docs/metrics.md, "How the numbers are kept"): per customer and
 * policy, the days their MRR changed and the movement of each change, so dashboards
 * aggregate small rows instead of replaying subscription history per page view.
 * Rows are derived only: `npm run revenue:rebuild` recreates all of them from
 * billing.subscription_history. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create schema if not exists revenue`.execute(db);

  // Refreshing one customer reads their whole history: it must not scan the table.
  await sql`create index if not exists subscription_history_customer_idx on billing.subscription_history (customer_id, effective_at)`.execute(db);

  // One row: what the rows below were computed with. Rebuild writes it; the
  // incremental refresh reads it, so both always agree.
  await sql`
    create table revenue.settings (
      id boolean primary key default true check (id),
      currency text not null,
      past_due_churn_days integer not null
    )`.execute(db);
  await sql`insert into revenue.settings (currency, past_due_churn_days) values ('usd', 30)`.execute(db);

  // Change points only: MRR from `day` until the customer's next row.
  await sql`
    create table revenue.customer_mrr_changes (
      policy text not null,
      customer_id text not null,
      day date not null,
      mrr_cents bigint not null,
      currency text not null,
      primary key (policy, customer_id, day)
    )`.execute(db);

  await sql`
    create table revenue.movements (
      id bigserial primary key,
      policy text not null,
      customer_id text not null,
      day date not null,
      kind text not null check (kind in ('new', 'expansion', 'contraction', 'churn', 'reactivation')),
      amount_cents bigint not null,
      before_cents bigint not null,
      after_cents bigint not null,
      -- Month of the customer's first payment under this policy: the cohort.
      cohort_month date not null,
      subscription_id text,
      source_event_id text
    )`.execute(db);
  // Series and headline cards: every movement of a policy in a day range.
  await sql`create index movements_policy_day_idx on revenue.movements (policy, day) include (kind, amount_cents, before_cents, after_cents, customer_id, cohort_month)`.execute(db);
  // Drill-down keyset: one kind in a range, by (day, id).
  await sql`create index movements_policy_kind_day_idx on revenue.movements (policy, kind, day, id)`.execute(db);
  await sql`create index movements_customer_idx on revenue.movements (customer_id, policy, day)`.execute(db);

  // Filters (plan, billing interval, country) without touching raw history: the
  // customer's current values.
  await sql`
    create table revenue.customer_dimensions (
      customer_id text primary key,
      plan text,
      billing_interval text,
      country text
    )`.execute(db);

  // Subscriptions billed in another currency than the reporting one: counted, never added.
  await sql`
    create table revenue.excluded_subscriptions (
      subscription_id text primary key,
      customer_id text not null,
      currency text not null
    )`.execute(db);
  await sql`create index excluded_subscriptions_customer_idx on revenue.excluded_subscriptions (customer_id)`.execute(db);

  // Trial-to-paid conversion: when a subscription's trial began and when it first paid.
  await sql`
    create table revenue.trials (
      subscription_id text primary key,
      customer_id text not null,
      started_day date not null,
      converted_day date
    )`.execute(db);
  await sql`create index trials_customer_idx on revenue.trials (customer_id)`.execute(db);
  await sql`create index trials_started_idx on revenue.trials (started_day)`.execute(db);

  // Resumable rebuild: the last customer whose rows are done, per scope ('all' or a policy).
  await sql`
    create table revenue.rebuild_state (
      scope text primary key,
      last_customer_id text,
      customers_done bigint not null default 0,
      started_at timestamptz not null default now(),
      completed_at timestamptz
    )`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Revenue rollups (docs/metrics.md, "How the numbers are kept"): the movements summed
 * per policy × day (× cohort month; × ISO week and month for retention), so a dashboard
 * reads O(days) rows whatever the number of customers.
 *
 * Every rollup row exists at 8 levels of detail, one per subset of the filters:
 * `level` bit 1 = grouped by plan, 2 = by billing interval, 4 = by country. A dimension
 * the level does not group by holds '' (as does an unknown value where it groups), so
 * every filter combination is one equality lookup and the keys stay plain NOT NULL
 * columns (indexable joins, ON CONFLICT). A filter value is never '' (the request
 * schema requires one character or more).
 *
 * A row whose movement (or customer) count reaches 0 is deleted, so the incremental
 * path and a rebuild leave exactly the same rows. The sums are not in any index and
 * pages keep room (fillfactor), so the incremental path's updates of a hot row (today,
 * all customers) stay heap-only (HOT) instead of piling up index entries. Derived only: `npm run revenue:rebuild`
 * recreates them. Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Sum and count of each movement kind per day: series, headline cards, plan mix.
  await sql`
    create table revenue.daily_rollups (
      policy text not null,
      level smallint not null,
      plan text not null,
      billing_interval text not null,
      country text not null,
      day date not null,
      kind text not null,
      amount_cents bigint not null,
      movement_count bigint not null,
      constraint daily_rollups_key unique (policy, level, plan, billing_interval, country, day, kind)
    ) with (fillfactor = 80)`.execute(db);

  // Per cohort (month of first payment) and day: the cohort triangle up to any day.
  await sql`
    create table revenue.cohort_rollups (
      policy text not null,
      level smallint not null,
      plan text not null,
      billing_interval text not null,
      country text not null,
      cohort_month date not null,
      day date not null,
      amount_cents bigint not null,
      -- Paying customers gained (new, reactivation) minus lost (churn).
      customer_delta bigint not null,
      movement_count bigint not null,
      constraint cohort_rollups_key unique (policy, level, plan, billing_interval, country, cohort_month, day)
    ) with (fillfactor = 80)`.execute(db);

  // NRR/GRR per ISO week or month: over the customers paying at the bucket's start who
  // moved in it, the sum of (end − start) and of min(0, end − start). Days need no
  // table: a customer moves at most once a day, so a day's figures are sums by kind.
  await sql`
    create table revenue.retention_rollups (
      policy text not null,
      level smallint not null,
      plan text not null,
      billing_interval text not null,
      country text not null,
      interval text not null check (interval in ('week', 'month')),
      bucket date not null,
      retained_delta bigint not null,
      retained_delta_capped bigint not null,
      customer_count bigint not null,
      constraint retention_rollups_key unique (policy, level, plan, billing_interval, country, interval, bucket)
    ) with (fillfactor = 80)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table revenue.retention_rollups, revenue.cohort_rollups, revenue.daily_rollups`.execute(db);
}

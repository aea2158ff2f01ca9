import { sql, type RawBuilder } from 'kysely';
import type { RevenuePolicyName } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

/**
 * The rollups of migration 0011 (revenue.daily_rollups, cohort_rollups,
 * retention_rollups): movement sums at 8 levels of detail, one per subset of the
 * filters (bit 1 plan, 2 billing interval, 4 country; '' where a level does not group).
 * Two ways to keep them, which must agree row for row (revenueIdentity.test.ts):
 * - by delta (`rollupDeltaCtes`), inside the statement that replaces some customers'
 *   movements: their old movements (with their old dimensions) counted −1, the new ones
 *   (with the new dimensions) +1, summed per key; only keys whose sums change are touched;
 * - set-based (`rebuildRollups`), from all movements, at the end of a rebuild.
 * Callers hold the mirror write lock, so two writers never merge into one key at once.
 */

const ROLLUP_TABLES = ['daily_rollups', 'cohort_rollups', 'retention_rollups'] as const;

/** A level's value of each dimension: the customer's (unknown → '') where the level groups by it, else ''. */
const levelled = (alias: string) => sql.raw(`
  case when l.level & 1 <> 0 then ${alias}.d_plan else '' end as plan,
  case when l.level & 2 <> 0 then ${alias}.d_billing_interval else '' end as billing_interval,
  case when l.level & 4 <> 0 then ${alias}.d_country else '' end as country`);

const customerDelta = sql.raw(`case when kind in ('new', 'reactivation') then 1 when kind = 'churn' then -1 else 0 end`);

/**
 * Adds `<name>_delta` to `table`'s rows at the same keys: a row whose count comes to 0
 * is deleted, the others are updated in place, a key not there is inserted. Each key is
 * looked up once (the update) — twice only when its count falls (the delete may apply):
 * a seat change moves amounts and keeps counts, so most keys never pay for the delete.
 * The insert reads what the update and the delete returned, not the table; the caller
 * holds the mirror write lock, so no key appears in between. It filters with `not in`
 * (a hashed subplan; keys are never null) rather than `not exists`: under the generic
 * plan (revenueRoutines.ts) the CTEs are guessed at one row, and `not exists` became a
 * nested loop, quadratic in the keys of a large webhook batch.
 */
function mergeDelta(name: string, table: string, keys: string[], sums: string[], countColumn: string): RawBuilder<unknown> {
  const on = (a: string) => keys.map((k) => `${a}.${k} = d.${k}`).join(' and ');
  const tuple = (a: string) => keys.map((k) => `${a}.${k}`).join(', ');
  const returned = tuple('r');
  return sql.raw(`
    ${name}_emptied as (
      delete from revenue.${table} r using ${name}_delta d where d.${countColumn} < 0 and ${on('r')} and r.${countColumn} + d.${countColumn} = 0
      returning ${returned}),
    ${name}_updated as (
      update revenue.${table} r set ${sums.map((s) => `${s} = r.${s} + d.${s}`).join(', ')} from ${name}_delta d
      where ${on('r')} and (d.${countColumn} >= 0 or r.${countColumn} + d.${countColumn} <> 0)
      returning ${returned}),
    ${name}_added as (
      insert into revenue.${table} (${[...keys, ...sums].join(', ')})
      select ${[...keys, ...sums].map((k) => `d.${k}`).join(', ')} from ${name}_delta d
      where (${tuple('d')}) not in (select ${returned} from ${name}_updated r) and (${tuple('d')}) not in (select ${returned} from ${name}_emptied r))`);
}

const DIMENSIONS = ['policy', 'level', 'plan', 'billing_interval', 'country'];

/** Whether movement rows `a` and `b` are the same movement (every column but the id). */
export function sameMovement(a: string, b: string): RawBuilder<unknown> {
  const equal = ['policy', 'customer_id', 'day', 'kind', 'amount_cents', 'before_cents', 'after_cents', 'cohort_month'].map((c) => `${a}.${c} = ${b}.${c}`);
  const nullable = ['subscription_id', 'source_event_id'].map((c) => `${a}.${c} is not distinct from ${b}.${c}`);
  return sql.raw([...equal, ...nullable].join(' and '));
}

/**
 * CTEs (to follow a `with`, after `old_m` (with `id`), `new_m` (with `ord`), `kept`
 * (the pairs of them that are the same movement), `old_d` and `new_d` are defined: the
 * customers' movements before and after, their dimension rows before and after)
 * that apply the change to every rollup. A movement both before and after, of a
 * customer whose dimensions stayed, adds and removes the same amounts: only the others
 * are counted (`contrib`), so an event costs its own few movements, not the customer's
 * whole history. They are summed per key at full detail (`summed`) before being spread
 * over the 8 levels: a batch's customers share days, kinds and dimensions, so far fewer
 * rows are multiplied by 8. Retention needs each touched (customer, week or month) whole.
 */
export function rollupDeltaCtes(): RawBuilder<unknown> {
  return sql`
    full_m as (
      select -1 as sign, o.id as ref, o.policy, o.customer_id, o.day, o.kind, o.amount_cents, o.before_cents, o.after_cents, o.cohort_month, o.subscription_id, o.source_event_id,
        coalesce(d.plan, '') as d_plan, coalesce(d.billing_interval, '') as d_billing_interval, coalesce(d.country, '') as d_country
      from old_m o left join old_d d on d.customer_id = o.customer_id
      union all
      select 1, n.ord, n.policy, n.customer_id, n.day, n.kind, n.amount_cents, n.before_cents, n.after_cents, n.cohort_month, n.subscription_id, n.source_event_id,
        coalesce(d.plan, ''), coalesce(d.billing_interval, ''), coalesce(d.country, '')
      from new_m n left join new_d d on d.customer_id = n.customer_id),
    moved_d as (
      select customer_id from (select customer_id, plan, billing_interval, country from old_d except select customer_id, plan, billing_interval, country from new_d) gone
      union select customer_id from (select customer_id, plan, billing_interval, country from new_d except select customer_id, plan, billing_interval, country from old_d) came),
    contrib as (
      select f.* from full_m f
      where f.customer_id in (select customer_id from moved_d)
        or (f.sign = -1 and f.ref not in (select id from kept))
        or (f.sign = 1 and f.ref not in (select ord from kept))),
    touched as (
      select distinct c.policy, c.customer_id, i.interval, date_trunc(i.interval, c.day)::date as bucket
      from contrib c cross join (values ('week'), ('month')) as i(interval)),
    summed as (
      select c.policy, c.day, c.kind, c.cohort_month, c.d_plan, c.d_billing_interval, c.d_country,
        sum(c.sign * c.amount_cents) as amount_cents, sum(c.sign * ${customerDelta}) as customer_delta, sum(c.sign) as movement_count
      from contrib c group by c.policy, c.day, c.kind, c.cohort_month, c.d_plan, c.d_billing_interval, c.d_country),
    leveled as (select s.policy, s.day, s.kind, s.cohort_month, s.amount_cents, s.customer_delta, s.movement_count, l.level, ${levelled('s')} from summed s cross join generate_series(0, 7) as l(level)),
    daily_delta as (
      select policy, level, plan, billing_interval, country, day, kind, sum(amount_cents) as amount_cents, sum(movement_count) as movement_count
      from leveled group by policy, level, plan, billing_interval, country, day, kind
      having sum(movement_count) <> 0 or sum(amount_cents) <> 0),
    ${mergeDelta('daily', 'daily_rollups', [...DIMENSIONS, 'day', 'kind'], ['amount_cents', 'movement_count'], 'movement_count')},
    cohort_delta as (
      select policy, level, plan, billing_interval, country, cohort_month, day, sum(amount_cents) as amount_cents,
        sum(customer_delta) as customer_delta, sum(movement_count) as movement_count
      from leveled group by policy, level, plan, billing_interval, country, cohort_month, day
      having sum(movement_count) <> 0 or sum(amount_cents) <> 0 or sum(customer_delta) <> 0),
    ${mergeDelta('cohort', 'cohort_rollups', [...DIMENSIONS, 'cohort_month', 'day'], ['amount_cents', 'customer_delta', 'movement_count'], 'movement_count')},
    per_bucket as (${perCustomerBucket(sql`full_m c`, sql`c.sign,`, sql`where (c.policy, c.customer_id, i.interval, date_trunc(i.interval, c.day)::date) in (select * from touched)`)}),
    retention_delta as (
      select p.policy, l.level, ${levelled('p')}, p.interval, p.bucket,
        sum(p.sign * (p.end_mrr - p.start_mrr)) as retained_delta, sum(p.sign * least(0, p.end_mrr - p.start_mrr)) as retained_delta_capped, sum(p.sign) as customer_count
      from per_bucket p cross join generate_series(0, 7) as l(level)
      where p.start_mrr > 0
      group by 1, 2, 3, 4, 5, 6, 7
      having sum(p.sign) <> 0 or sum(p.sign * (p.end_mrr - p.start_mrr)) <> 0 or sum(p.sign * least(0, p.end_mrr - p.start_mrr)) <> 0),
    ${mergeDelta('retention', 'retention_rollups', [...DIMENSIONS, 'interval', 'bucket'], ['retained_delta', 'retained_delta_capped', 'customer_count'], 'customer_count')}`;
}

/**
 * Per customer, ISO week or month and (`extra`) sign: their MRR at the bucket's start
 * (the first movement's before) and end (the last one's after). `source` has the
 * columns of `full_m`.
 */
function perCustomerBucket(source: RawBuilder<unknown>, extra: RawBuilder<unknown>, where: RawBuilder<unknown> = sql``): RawBuilder<unknown> {
  return sql`
    select ${extra} c.policy, c.customer_id, c.d_plan, c.d_billing_interval, c.d_country, i.interval, date_trunc(i.interval, c.day)::date as bucket,
      (array_agg(c.before_cents order by c.day))[1] as start_mrr, (array_agg(c.after_cents order by c.day desc))[1] as end_mrr
    from ${source} cross join (values ('week'), ('month')) as i(interval)
    ${where}
    group by ${extra} c.policy, c.customer_id, c.d_plan, c.d_billing_interval, c.d_country, i.interval, date_trunc(i.interval, c.day)`;
}

export async function deleteRollups(db: DbOrTrx, policies: readonly RevenuePolicyName[]): Promise<void> {
  for (const table of ROLLUP_TABLES) await sql`delete from ${sql.table(`revenue.${table}`)} where policy = any(${policies as string[]}::text[])`.execute(db);
}

/** Every rollup of `policies` again from all stored movements and dimensions (the end of a rebuild). */
export async function rebuildRollups(db: DbOrTrx, policies: readonly RevenuePolicyName[]): Promise<void> {
  const names = policies as string[];
  await deleteRollups(db, policies);
  // Sorting and hashing 1–2 million movements (200,000 subscriptions) in memory, for this transaction only.
  await sql`set local work_mem = '512MB'`.execute(db);
  // cube() gives the 8 levels in one pass; a dimension it does not group by comes out null.
  const source = sql`
    select m.policy, m.customer_id, m.day, m.kind, m.amount_cents, m.before_cents, m.after_cents, m.cohort_month,
      coalesce(d.plan, '') as d_plan, coalesce(d.billing_interval, '') as d_billing_interval, coalesce(d.country, '') as d_country
    from revenue.movements m left join revenue.customer_dimensions d on d.customer_id = m.customer_id
    where m.policy = any(${names}::text[])`;
  const level = sql`(7 - grouping(d_country, d_billing_interval, d_plan))::smallint`;
  const cube = sql`cube(d_plan, d_billing_interval, d_country)`;
  const dims = sql`coalesce(d_plan, ''), coalesce(d_billing_interval, ''), coalesce(d_country, '')`;
  await sql`
    insert into revenue.daily_rollups (policy, level, plan, billing_interval, country, day, kind, amount_cents, movement_count)
    select policy, ${level}, ${dims}, day, kind, sum(amount_cents), count(*)
    from (${source}) c group by policy, day, kind, ${cube}`.execute(db);
  await sql`
    insert into revenue.cohort_rollups (policy, level, plan, billing_interval, country, cohort_month, day, amount_cents, customer_delta, movement_count)
    select policy, ${level}, ${dims}, cohort_month, day, sum(amount_cents), sum(${customerDelta}), count(*)
    from (${source}) c group by policy, cohort_month, day, ${cube}`.execute(db);
  await sql`
    insert into revenue.retention_rollups (policy, level, plan, billing_interval, country, interval, bucket, retained_delta, retained_delta_capped, customer_count)
    select policy, ${level}, ${dims}, interval, bucket, sum(end_mrr - start_mrr), sum(least(0, end_mrr - start_mrr)), count(*)
    from (${perCustomerBucket(sql`(${source}) c`, sql``)}) p
    where start_mrr > 0
    group by policy, interval, bucket, ${cube}`.execute(db);
}

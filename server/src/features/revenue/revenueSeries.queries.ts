import { sql } from 'kysely';
import { MOVEMENT_KINDS, periodsBetween, type MovementKind, type Period, type RevenuePolicyName, type TRevenueFilter } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { bucketOf, customerDelta, filterJoin } from './revenueFilter.js';

/**
 * Period figures from precomputed movements: a customer's MRR is the running sum of
 * their movements, so MRR and paying customers at any day are sums over movements up to
 * it, and a period's movements are a GROUP BY. NRR/GRR need only the customers who moved
 * in the period: their first movement's `before` is their start MRR, the last one's
 * `after` their end MRR; everyone else kept the same MRR.
 */
export interface SeriesQuery {
  policy: RevenuePolicyName;
  from: string;
  to: string;
  interval: 'day' | 'week' | 'month';
  filter: TRevenueFilter;
}

export interface PeriodSums extends Period {
  mrrStart: number;
  customersStart: number;
  movements: Record<MovementKind, number>;
  movementCounts: Record<MovementKind, number>;
  /** Sum, over customers paying at the start who moved, of (end − start) and of min(0, end − start). */
  retainedDelta: number;
  retainedDeltaCapped: number;
}

const zero = () => Object.fromEntries(MOVEMENT_KINDS.map((k) => [k, 0])) as Record<MovementKind, number>;

async function baseline(db: DbOrTrx, q: SeriesQuery, before: string) {
  const { rows } = await sql<{ mrr: string | null; customers: string | null }>`
    select sum(m.amount_cents) as mrr, sum(${customerDelta}) as customers
    from revenue.movements m ${filterJoin(q.filter, 'm')}
    where m.policy = ${q.policy} and m.day < ${before}::date`.execute(db);
  return { mrr: Number(rows[0]?.mrr ?? 0), customers: Number(rows[0]?.customers ?? 0) };
}

export async function findPeriodSums(db: DbOrTrx, q: SeriesQuery, options: { retention: boolean }): Promise<PeriodSums[]> {
  const periods = periodsBetween(q.from, q.to, q.interval);
  const first = periods[0]!.startDay;
  const last = periods.at(-1)!.endDay;
  const bucket = bucketOf(q.interval, sql`m.day`);
  const inRange = sql`m.policy = ${q.policy} and m.day between ${first}::date and ${last}::date`;
  const [start, kinds, retained] = await Promise.all([
    baseline(db, q, first),
    sql<{ bucket: string; kind: MovementKind; total: string; n: string }>`
      select to_char(${bucket}, 'YYYY-MM-DD') as bucket, m.kind, sum(m.amount_cents) as total, count(*) as n
      from revenue.movements m ${filterJoin(q.filter, 'm')} where ${inRange} group by 1, 2`.execute(db),
    options.retention
      ? sql<{ bucket: string; delta: string | null; cappedDelta: string | null }>`
      with per_customer as (
        select to_char(${bucket}, 'YYYY-MM-DD') as bucket, m.customer_id,
          (array_agg(m.before_cents order by m.day))[1] as start_mrr, (array_agg(m.after_cents order by m.day desc))[1] as end_mrr
        from revenue.movements m ${filterJoin(q.filter, 'm')} where ${inRange} group by 1, 2)
      select bucket, sum(end_mrr - start_mrr) filter (where start_mrr > 0) as delta,
        sum(least(0, end_mrr - start_mrr)) filter (where start_mrr > 0) as capped_delta
      from per_customer group by bucket`.execute(db)
      : Promise.resolve({ rows: [] }),
  ]);
  const sums = new Map(periods.map((p) => [p.startDay, { ...p, mrrStart: 0, customersStart: 0, movements: zero(), movementCounts: zero(), retainedDelta: 0, retainedDeltaCapped: 0 } as PeriodSums]));
  for (const row of kinds.rows) {
    const period = sums.get(row.bucket)!;
    period.movements[row.kind] = Number(row.total);
    period.movementCounts[row.kind] = Number(row.n);
  }
  for (const row of retained.rows) {
    const period = sums.get(row.bucket)!;
    period.retainedDelta = Number(row.delta ?? 0);
    period.retainedDeltaCapped = Number(row.cappedDelta ?? 0);
  }
  let [mrr, customers] = [start.mrr, start.customers];
  for (const period of sums.values()) {
    period.mrrStart = mrr;
    period.customersStart = customers;
    mrr += MOVEMENT_KINDS.reduce((sum, kind) => sum + period.movements[kind], 0);
    customers += period.movementCounts.new + period.movementCounts.reactivation - period.movementCounts.churn;
  }
  return [...sums.values()];
}

import { sql } from 'kysely';
import { MOVEMENT_KINDS, periodsBetween, type MovementKind, type Period, type RevenuePolicyName, type TRevenueFilter } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { bucketOf, rollupFilter } from './revenueFilter.js';

/**
 * Period figures from the rollups (revenueRollups.queries.ts), O(days) whatever the
 * number of customers: a customer's MRR is the running sum of their movements, so MRR
 * and paying customers at any day are sums of the daily rollups up to it, and a
 * period's movements are their GROUP BY. NRR/GRR need, per period, the customers paying
 * at its start who moved in it: the weekly and monthly retention rollups hold those
 * sums; a day needs none (a customer moves at most once a day, so the movers paying at
 * the start are the expansions, contractions and churns of the day).
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

const customerCount = sql`case when r.kind in ('new', 'reactivation') then r.movement_count when r.kind = 'churn' then -r.movement_count else 0 end`;

async function baseline(db: DbOrTrx, q: SeriesQuery, before: string) {
  const { rows } = await sql<{ mrr: string | null; customers: string | null }>`
    select sum(r.amount_cents) as mrr, sum(${customerCount}) as customers
    from revenue.daily_rollups r where r.policy = ${q.policy} and ${rollupFilter(q.filter, 'r')} and r.day < ${before}::date`.execute(db);
  return { mrr: Number(rows[0]?.mrr ?? 0), customers: Number(rows[0]?.customers ?? 0) };
}

export async function findPeriodSums(db: DbOrTrx, q: SeriesQuery, options: { retention: boolean }): Promise<PeriodSums[]> {
  const periods = periodsBetween(q.from, q.to, q.interval);
  const first = periods[0]!.startDay;
  const last = periods.at(-1)!.endDay;
  const [start, kinds, retained] = await Promise.all([
    baseline(db, q, first),
    sql<{ bucket: string; kind: MovementKind; total: string; n: string }>`
      select to_char(${bucketOf(q.interval, sql`r.day`)}, 'YYYY-MM-DD') as bucket, r.kind, sum(r.amount_cents) as total, sum(r.movement_count) as n
      from revenue.daily_rollups r
      where r.policy = ${q.policy} and ${rollupFilter(q.filter, 'r')} and r.day between ${first}::date and ${last}::date group by 1, 2`.execute(db),
    options.retention && q.interval !== 'day'
      ? sql<{ bucket: string; delta: string; cappedDelta: string }>`
      select to_char(r.bucket, 'YYYY-MM-DD') as bucket, r.retained_delta as delta, r.retained_delta_capped as capped_delta
      from revenue.retention_rollups r
      where r.policy = ${q.policy} and ${rollupFilter(q.filter, 'r')} and r.interval = ${q.interval} and r.bucket between ${first}::date and ${last}::date`.execute(db)
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
    period.retainedDelta = Number(row.delta);
    period.retainedDeltaCapped = Number(row.cappedDelta);
  }
  if (options.retention && q.interval === 'day') {
    for (const period of sums.values()) {
      period.retainedDeltaCapped = period.movements.contraction + period.movements.churn;
      period.retainedDelta = period.retainedDeltaCapped + period.movements.expansion;
    }
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

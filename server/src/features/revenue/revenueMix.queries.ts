import { sql } from 'kysely';
import type { TRevenueFilter, TRevenueRangeRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { filterJoin, rollupFilter } from './revenueFilter.js';

/** Plan mix, excluded subscriptions and trial-to-paid conversion, from precomputed rows. */

export async function countExcludedSubscriptions(db: DbOrTrx, filter: TRevenueFilter): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from revenue.excluded_subscriptions m ${filterJoin(filter, 'm')}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export interface PlanMixRow {
  plan: string | null;
  mrr: number;
  customers: number;
}

/** MRR and paying customers per plan at the end of `to` (plan: the customer's current one), from the daily rollups grouped by plan. */
export async function findPlanMix(db: DbOrTrx, request: TRevenueRangeRequest): Promise<PlanMixRow[]> {
  const { rows } = await sql<{ plan: string | null; mrr: string; customers: string }>`
    select r.plan, sum(r.amount_cents) as mrr,
      sum(case when r.kind in ('new', 'reactivation') then r.movement_count when r.kind = 'churn' then -r.movement_count else 0 end) as customers
    from revenue.daily_rollups r
    where r.policy = ${request.policy} and ${rollupFilter(request.filter, 'r', { byPlan: true })} and r.day <= ${request.to}::date
    group by r.plan having sum(r.amount_cents) <> 0 order by sum(r.amount_cents) desc`.execute(db);
  // '' is the rollups' "no plan known".
  return rows.map((r) => ({ plan: r.plan || null, mrr: Number(r.mrr), customers: Number(r.customers) }));
}

export interface TrialConversion {
  trialsStarted: number;
  converted: number;
  /** Share of the trials started in the range that went on to pay (so far), null without trials. */
  conversionRate: number | null;
}

export async function findTrialConversion(db: DbOrTrx, request: TRevenueRangeRequest): Promise<TrialConversion> {
  const { rows } = await sql<{ started: string; converted: string }>`
    select count(*) as started, count(m.converted_day) as converted
    from revenue.trials m ${filterJoin(request.filter, 'm')}
    where m.started_day between ${request.from}::date and ${request.to}::date`.execute(db);
  const [trialsStarted, converted] = [Number(rows[0]?.started ?? 0), Number(rows[0]?.converted ?? 0)];
  return { trialsStarted, converted, conversionRate: trialsStarted === 0 ? null : converted / trialsStarted };
}

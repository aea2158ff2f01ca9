import { sql } from 'kysely';
import type { TRevenueRangeRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { rollupFilter } from './revenueFilter.js';

/**
 * Cohort retention by month of first payment, as a triangle: for each cohort month
 * within the range, the paying customers and their MRR at the end of that month and of
 * every later month up to `to`. A cohort's customers and MRR at a month's end are the
 * running sums of their movements, so one GROUP BY (cohort, month) over the cohort
 * rollups (per cohort and day, so `to` may fall mid-month) is enough.
 */
export interface CohortRow {
  cohort: string;
  /** Index 0 is the cohort's own month. */
  customers: number[];
  mrr: number[];
}

const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

export async function findCohorts(db: DbOrTrx, request: TRevenueRangeRequest): Promise<CohortRow[]> {
  const { rows } = await sql<{ cohort: string; month: string; mrr: string; customers: string }>`
    select to_char(r.cohort_month, 'YYYY-MM') as cohort, to_char(date_trunc('month', r.day), 'YYYY-MM') as month,
      sum(r.amount_cents) as mrr, sum(r.customer_delta) as customers
    from revenue.cohort_rollups r
    where r.policy = ${request.policy} and ${rollupFilter(request.filter, 'r')}
      and r.cohort_month between date_trunc('month', ${request.from}::date) and ${request.to}::date and r.day <= ${request.to}::date
    group by 1, 2 order by 1, 2`.execute(db);
  const lastMonth = request.to.slice(0, 7);
  const cohorts = new Map<string, CohortRow>();
  for (const row of rows) {
    let cohort = cohorts.get(row.cohort);
    if (!cohort) {
      const length = monthsBetween(row.cohort, lastMonth) + 1;
      cohort = { cohort: row.cohort, customers: new Array<number>(length).fill(0), mrr: new Array<number>(length).fill(0) };
      cohorts.set(row.cohort, cohort);
    }
    const index = monthsBetween(row.cohort, row.month);
    cohort.customers[index]! += Number(row.customers);
    cohort.mrr[index]! += Number(row.mrr);
  }
  for (const cohort of cohorts.values()) {
    for (let i = 1; i < cohort.mrr.length; i++) {
      cohort.customers[i]! += cohort.customers[i - 1]!;
      cohort.mrr[i]! += cohort.mrr[i - 1]!;
    }
  }
  return [...cohorts.values()];
}

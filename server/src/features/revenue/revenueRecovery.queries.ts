import { sql } from 'kysely';
import type { TRevenueRangeRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { filterJoin } from './revenueFilter.js';

/**
 * Failed-payment recovery from the billing mirror: an invoice failed when one of its
 * payment attempts (a charge) failed; dunning recovered it when it was paid afterwards.
 * MRR recovered is the customer's MRR on the day of the first failure; MRR lost to
 * involuntary churn is the churn of customers who had an unpaid failed invoice in the
 * 60 days before they churned.
 */
export interface PaymentRecovery {
  failedInvoices: number;
  recoveredWithin: { days7: number; days14: number; days30: number };
  recoveredShare: { days7: number | null; days14: number | null; days30: number | null };
  mrrRecovered: number;
  mrrLostToInvoluntaryChurn: number;
}

export async function findPaymentRecovery(db: DbOrTrx, request: TRevenueRangeRequest): Promise<PaymentRecovery> {
  const { rows } = await sql<{ failed: string; r7: string; r14: string; r30: string; mrrRecovered: string | null; mrrLost: string | null }>`
    with failed as (
      select m.id, m.customer_id, m.status, m.paid_at, min(ch.created) as first_failure
      from billing.invoices m ${filterJoin(request.filter, 'm')}
      join billing.charges ch on ch.payment_intent_id = any(m.payment_intent_ids) and ch.status = 'failed'
      group by m.id, m.customer_id, m.status, m.paid_at),
    in_range as (
      select f.*, f.status = 'paid' and f.paid_at >= f.first_failure as recovered from failed f
      where f.first_failure >= ${request.from}::date and f.first_failure < ${request.to}::date + 1)
    select count(*) as failed,
      count(*) filter (where recovered and paid_at <= first_failure + interval '7 days') as r7,
      count(*) filter (where recovered and paid_at <= first_failure + interval '14 days') as r14,
      count(*) filter (where recovered and paid_at <= first_failure + interval '30 days') as r30,
      (select sum((select c.mrr_cents from revenue.customer_mrr_changes c where c.policy = ${request.policy} and c.customer_id = r.customer_id
          and c.day <= r.first_failure::date order by c.day desc limit 1)) from in_range r where r.recovered) as mrr_recovered,
      (select -sum(mv.amount_cents) from revenue.movements mv where mv.policy = ${request.policy} and mv.kind = 'churn'
          and mv.day between ${request.from}::date and ${request.to}::date
          and exists (select 1 from failed f where f.customer_id = mv.customer_id and f.status <> 'paid'
            and f.first_failure::date between mv.day - 60 and mv.day)) as mrr_lost
    from in_range`.execute(db);
  const row = rows[0]!;
  const failed = Number(row.failed);
  const share = (n: string) => (failed === 0 ? null : Number(n) / failed);
  return {
    failedInvoices: failed,
    recoveredWithin: { days7: Number(row.r7), days14: Number(row.r14), days30: Number(row.r30) },
    recoveredShare: { days7: share(row.r7), days14: share(row.r14), days30: share(row.r30) },
    mrrRecovered: Number(row.mrrRecovered ?? 0),
    mrrLostToInvoluntaryChurn: Number(row.mrrLost ?? 0),
  };
}

import { sql } from 'kysely';
import type { RevenuePolicyName, TPolicyComparisonTotals, TRevenueFilter } from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import { filterJoin } from '../revenueFilter.js';

/**
 * Every customer's MRR on one day under two policies, from the stored change points
 * (revenue.customer_mrr_changes: the last change on or before the day is the MRR that
 * day; none means 0). Nothing is replayed from history here.
 */
export interface PolicyPair {
  a: RevenuePolicyName;
  b: RevenuePolicyName;
  day: string;
  filter: TRevenueFilter;
}

/** Per customer: (customer_id, mrr_a, mrr_b), for customers with any change point under either policy. */
function mrrPairs({ a, b, day, filter }: PolicyPair) {
  return sql`
    latest as (
      select distinct on (c.policy, c.customer_id) c.policy, c.customer_id, c.mrr_cents
      from revenue.customer_mrr_changes c ${filterJoin(filter, 'c')}
      where c.policy in (${a}, ${b}) and c.day <= ${day}::date
      order by c.policy, c.customer_id, c.day desc),
    pairs as (
      select customer_id, coalesce(max(mrr_cents) filter (where policy = ${a}), 0) as mrr_a, coalesce(max(mrr_cents) filter (where policy = ${b}), 0) as mrr_b
      from latest group by customer_id)`;
}

export async function findComparisonTotals(db: DbOrTrx, pair: PolicyPair): Promise<TPolicyComparisonTotals> {
  const { rows } = await sql<Record<'mrrA' | 'mrrB' | 'customersA' | 'customersB' | 'differing', string | null>>`
    with ${mrrPairs(pair)}
    select sum(mrr_a) as mrr_a, sum(mrr_b) as mrr_b, count(*) filter (where mrr_a > 0) as customers_a,
      count(*) filter (where mrr_b > 0) as customers_b, count(*) filter (where mrr_a <> mrr_b) as differing
    from pairs`.execute(db);
  const row = rows[0];
  const [mrrA, mrrB] = [Number(row?.mrrA ?? 0), Number(row?.mrrB ?? 0)];
  return { mrrA, mrrB, differenceCents: mrrB - mrrA, customersA: Number(row?.customersA ?? 0), customersB: Number(row?.customersB ?? 0), differingCustomers: Number(row?.differing ?? 0) };
}

export interface DifferingCustomer {
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  mrrA: number;
  mrrB: number;
}

/** The customers whose MRR differs, by customer id after `afterCustomerId` (the keyset). */
export async function findDifferingCustomers(db: DbOrTrx, pair: PolicyPair, afterCustomerId: string | null, limit: number): Promise<DifferingCustomer[]> {
  const { rows } = await sql<Omit<DifferingCustomer, 'mrrA' | 'mrrB'> & { mrrA: string; mrrB: string }>`
    with ${mrrPairs(pair)}
    select p.customer_id, bc.name as customer_name, bc.email as customer_email, p.mrr_a, p.mrr_b
    from pairs p left join billing.customers bc on bc.id = p.customer_id
    where p.mrr_a <> p.mrr_b ${afterCustomerId === null ? sql`` : sql`and p.customer_id > ${afterCustomerId}`}
    order by p.customer_id limit ${limit}`.execute(db);
  return rows.map((r) => ({ ...r, mrrA: Number(r.mrrA), mrrB: Number(r.mrrB) }));
}

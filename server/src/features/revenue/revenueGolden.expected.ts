import type { MovementKind, RevenuePolicyName } from '@opsdesk/shared';
import type { GoldenCustomer } from './revenueGolden.scenario.js';

/**
 * The golden scenario's numbers, worked out BY HAND from the story in
 * revenueGolden.scenario.ts (not by the engine). Cents; months of 2025.
 *
 * Monthly values of each customer (USD; `euro` is another currency and never added):
 *   upgrade   30.00 (3000), from 10 Feb 100.00 (10000). Refund on 20 Jan: money back, no MRR change.
 *   annual    1,200.00 / 12 = 100.00 (10000)
 *   downgrade 100.00 (10000), from 20 Mar 30.00 (3000)
 *   forever   100.00 × (1 − 50 %) = 50.00 (5000) under every policy (forever coupons always count);
 *             the coupon deleted 5 May changes nothing: the discount keeps it
 *   repeating 60.00 (6000); with the 2-month 50 % discount 30.00 (3000) from 1 Feb until its end, 1 Apr
 *   trial     0 while trialing (10–24 Jan), then 50.00 (5000) from 24 Jan
 *   dunning   40.00 (4000); past_due from 1 Feb, unpaid from 2 Apr
 *   comeback  20.00 (2000); cancelled 15 Feb (its period, paid on 1 Feb, runs to 1 Mar); 20.00 again from 15 Apr
 *   sameMonth 30.00 (3000) from 3 Mar, cancelled 20 Mar (17 days after it started paying)
 *   twoSubs   30.00 + 50.00 = 80.00 (8000); the 50.00 one cancelled 10 Apr (paid to 1 May) → 30.00 (3000)
 */
export type ExpectedMovement = [day: string, customer: GoldenCustomer, kind: MovementKind, amountCents: number];

export interface ExpectedMonth {
  period: string;
  mrrStart: number;
  mrr: number;
  customersStart: number;
  customers: number;
  /** Sums per kind; contraction and churn negative. */
  movements: Record<MovementKind, number>;
  subscriberChurnRate: number | null;
  grossMrrChurnRate: number | null;
  netMrrChurnRate: number | null;
  nrr: number | null;
  grr: number | null;
  quickRatio: number | null;
}

const sums = (m: Partial<Record<MovementKind, number>>): Record<MovementKind, number> => ({ new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0, ...m });

/** A month in which nothing moved: every ratio of a steady company (quick ratio has no losses to divide by). */
const quiet = (period: string, mrr: number, customers: number): ExpectedMonth => ({
  period, mrrStart: mrr, mrr, customersStart: customers, customers, movements: sums({}),
  subscriberChurnRate: 0, grossMrrChurnRate: 0, netMrrChurnRate: 0, nrr: 1, grr: 1, quickRatio: null,
});

/**
 * January is the same under every policy: eight customers start paying and nobody
 * had paid before, so every ratio with "MRR at start" or "customers at start" below
 * it is null except the subscriber churn rate, 0 churned ÷ (0 + 8 new) = 0.
 *   1 Jan: upgrade 3000 + annual 10000 + forever 5000 + dunning 4000 + comeback 2000 + twoSubs 8000
 *   5 Jan: downgrade 10000; 24 Jan: trial 5000 (the trial itself is 0)
 *   = 47000, 8 customers. Quick ratio: 47000 ÷ 0 losses → null.
 */
const JANUARY: ExpectedMonth = {
  period: '2025-01', mrrStart: 0, mrr: 47000, customersStart: 0, customers: 8, movements: sums({ new: 47000 }),
  subscriberChurnRate: 0, grossMrrChurnRate: null, netMrrChurnRate: null, nrr: null, grr: null, quickRatio: null,
};
const JANUARY_MOVEMENTS: ExpectedMovement[] = [
  ['2025-01-01', 'upgrade', 'new', 3000],
  ['2025-01-01', 'annual', 'new', 10000],
  ['2025-01-01', 'forever', 'new', 5000],
  ['2025-01-01', 'dunning', 'new', 4000],
  ['2025-01-01', 'comeback', 'new', 2000],
  ['2025-01-01', 'twoSubs', 'new', 8000],
  ['2025-01-05', 'downgrade', 'new', 10000],
  ['2025-01-24', 'trial', 'new', 5000],
];

export interface PolicyExpectation {
  months: ExpectedMonth[];
  movements: ExpectedMovement[];
}

export const EXPECTED: Record<RevenuePolicyName, PolicyExpectation> = {
  /**
   * stripe — only forever coupons; churn when canceled/unpaid; past_due still counts.
   * Feb: repeating new +6000 (1 Feb; its 2-month coupon does not count), upgrade +7000 (10 Feb),
   *      comeback churn −2000 (15 Feb). 47000 + 6000 + 7000 − 2000 = 58000; customers 8 + 1 − 1 = 8.
   *      Subscriber churn 1 ÷ (8 + 1 new). Gross 2000 ÷ 47000; net (2000 − 7000) ÷ 47000.
   *      NRR: the 8 paying on 1 Feb end at upgrade 10000 + annual 10000 + forever 5000 + dunning 4000
   *      (past_due counts) + comeback 0 + twoSubs 8000 + downgrade 10000 + trial 5000 = 52000 → 52000 ÷ 47000.
   *      GRR caps upgrade at its start 3000: 45000 ÷ 47000. Quick (6000 + 7000) ÷ 2000 = 6.5.
   * Mar: sameMonth new +3000 (3 Mar) and churn −3000 (20 Mar), downgrade −7000 (20 Mar).
   *      58000 + 3000 − 3000 − 7000 = 51000; customers 8 + 1 − 1 = 8. Subscriber churn 1 ÷ (8 + 1).
   *      Gross (3000 + 7000) ÷ 58000 = net. NRR = GRR: 58000 − 7000 = 51000 ÷ 58000. Quick 3000 ÷ 10000.
   * Apr: dunning churn −4000 (unpaid 2 Apr), twoSubs −5000 (10 Apr), comeback reactivation +2000 (15 Apr).
   *      51000 − 4000 − 5000 + 2000 = 44000; customers 8 − 1 + 1 = 8. Subscriber churn 1 ÷ (8 + 0).
   *      Gross 9000 ÷ 51000; net (9000 − 2000) ÷ 51000. NRR = GRR (comeback was not paying on 1 Apr):
   *      51000 − 9000 = 42000 ÷ 51000. Quick 2000 ÷ 9000.
   */
  stripe: {
    months: [
      JANUARY,
      { period: '2025-02', mrrStart: 47000, mrr: 58000, customersStart: 8, customers: 8, movements: sums({ new: 6000, expansion: 7000, churn: -2000 }),
        subscriberChurnRate: 1 / 9, grossMrrChurnRate: 2000 / 47000, netMrrChurnRate: -5000 / 47000, nrr: 52000 / 47000, grr: 45000 / 47000, quickRatio: 6.5 },
      { period: '2025-03', mrrStart: 58000, mrr: 51000, customersStart: 8, customers: 8, movements: sums({ new: 3000, contraction: -7000, churn: -3000 }),
        subscriberChurnRate: 1 / 9, grossMrrChurnRate: 10000 / 58000, netMrrChurnRate: 10000 / 58000, nrr: 51000 / 58000, grr: 51000 / 58000, quickRatio: 3000 / 10000 },
      { period: '2025-04', mrrStart: 51000, mrr: 44000, customersStart: 8, customers: 8, movements: sums({ contraction: -5000, churn: -4000, reactivation: 2000 }),
        subscriberChurnRate: 1 / 8, grossMrrChurnRate: 9000 / 51000, netMrrChurnRate: 7000 / 51000, nrr: 42000 / 51000, grr: 42000 / 51000, quickRatio: 2000 / 9000 },
      quiet('2025-05', 44000, 8),
      quiet('2025-06', 44000, 8),
    ],
    movements: [
      ...JANUARY_MOVEMENTS,
      ['2025-02-01', 'repeating', 'new', 6000],
      ['2025-02-10', 'upgrade', 'expansion', 7000],
      ['2025-02-15', 'comeback', 'churn', -2000],
      ['2025-03-03', 'sameMonth', 'new', 3000],
      ['2025-03-20', 'downgrade', 'contraction', -7000],
      ['2025-03-20', 'sameMonth', 'churn', -3000],
      ['2025-04-02', 'dunning', 'churn', -4000],
      ['2025-04-10', 'twoSubs', 'contraction', -5000],
      ['2025-04-15', 'comeback', 'reactivation', 2000],
    ],
  },

  /**
   * chartmogul — as stripe, but the repeating coupon counts until the discount ends:
   * repeating is new +3000 on 1 Feb and expands +3000 on 1 Apr (discount end 1 Apr 12:00).
   * Feb: 47000 + 3000 + 7000 − 2000 = 55000. Ratios on the same start as stripe; quick (3000 + 7000) ÷ 2000 = 5.
   * Mar: 55000 + 3000 − 3000 − 7000 = 48000. Gross = net 10000 ÷ 55000; NRR = GRR 48000 ÷ 55000; quick 0.3.
   * Apr: 48000 − 4000 − 5000 + 3000 + 2000 = 44000. Gross 9000 ÷ 48000; net (9000 − 3000 − 2000) ÷ 48000.
   *      NRR: 48000 − 9000 + 3000 = 42000 ÷ 48000; GRR caps repeating at 3000: 39000 ÷ 48000.
   *      Quick (3000 + 2000) ÷ 9000.
   */
  chartmogul: {
    months: [
      JANUARY,
      { period: '2025-02', mrrStart: 47000, mrr: 55000, customersStart: 8, customers: 8, movements: sums({ new: 3000, expansion: 7000, churn: -2000 }),
        subscriberChurnRate: 1 / 9, grossMrrChurnRate: 2000 / 47000, netMrrChurnRate: -5000 / 47000, nrr: 52000 / 47000, grr: 45000 / 47000, quickRatio: 5 },
      { period: '2025-03', mrrStart: 55000, mrr: 48000, customersStart: 8, customers: 8, movements: sums({ new: 3000, contraction: -7000, churn: -3000 }),
        subscriberChurnRate: 1 / 9, grossMrrChurnRate: 10000 / 55000, netMrrChurnRate: 10000 / 55000, nrr: 48000 / 55000, grr: 48000 / 55000, quickRatio: 3000 / 10000 },
      { period: '2025-04', mrrStart: 48000, mrr: 44000, customersStart: 8, customers: 8, movements: sums({ expansion: 3000, contraction: -5000, churn: -4000, reactivation: 2000 }),
        subscriberChurnRate: 1 / 8, grossMrrChurnRate: 9000 / 48000, netMrrChurnRate: 4000 / 48000, nrr: 42000 / 48000, grr: 39000 / 48000, quickRatio: 5000 / 9000 },
      quiet('2025-05', 44000, 8),
      quiet('2025-06', 44000, 8),
    ],
    movements: [
      ...JANUARY_MOVEMENTS,
      ['2025-02-01', 'repeating', 'new', 3000],
      ['2025-02-10', 'upgrade', 'expansion', 7000],
      ['2025-02-15', 'comeback', 'churn', -2000],
      ['2025-03-03', 'sameMonth', 'new', 3000],
      ['2025-03-20', 'downgrade', 'contraction', -7000],
      ['2025-03-20', 'sameMonth', 'churn', -3000],
      ['2025-04-01', 'repeating', 'expansion', 3000],
      ['2025-04-02', 'dunning', 'churn', -4000],
      ['2025-04-10', 'twoSubs', 'contraction', -5000],
      ['2025-04-15', 'comeback', 'reactivation', 2000],
    ],
  },

  /**
   * profitwell — forever coupons only (repeating 6000 from 1 Feb); a cancel from active churns
   * at the end of the paid period; a subscription cancelled within a month of starting to pay
   * never counts (sameMonth: nothing at all); unpaid after past_due churns at once.
   * Feb: 47000 + 6000 + 7000 = 60000, nobody churned (comeback paid to 1 Mar); customers 9.
   *      Subscriber churn 0 ÷ 9 = 0; gross 0; net −7000 ÷ 47000. NRR: 52000 + comeback 2000 = 54000 ÷ 47000;
   *      GRR 47000 ÷ 47000 = 1 (only upgrade grew, capped). Quick 13000 ÷ 0 → null.
   * Mar: comeback churn −2000 (1 Mar), downgrade −7000 (20 Mar): 60000 − 9000 = 51000; customers 8.
   *      Subscriber churn 1 ÷ 9; gross = net 9000 ÷ 60000; NRR = GRR 51000 ÷ 60000; quick 0 ÷ 9000 = 0.
   * Apr: dunning churn −4000 (2 Apr), comeback reactivation +2000: 49000; twoSubs keeps its 50.00
   *      until 1 May. Subscriber churn 1 ÷ 8; gross 4000 ÷ 51000; net (4000 − 2000) ÷ 51000;
   *      NRR = GRR 47000 ÷ 51000; quick 2000 ÷ 4000.
   * May: twoSubs −5000 (1 May): 44000. Subscriber churn 0 ÷ 8; gross = net 5000 ÷ 49000;
   *      NRR = GRR 44000 ÷ 49000; quick 0 ÷ 5000 = 0.
   */
  profitwell: {
    months: [
      JANUARY,
      { period: '2025-02', mrrStart: 47000, mrr: 60000, customersStart: 8, customers: 9, movements: sums({ new: 6000, expansion: 7000 }),
        subscriberChurnRate: 0, grossMrrChurnRate: 0, netMrrChurnRate: -7000 / 47000, nrr: 54000 / 47000, grr: 1, quickRatio: null },
      { period: '2025-03', mrrStart: 60000, mrr: 51000, customersStart: 9, customers: 8, movements: sums({ contraction: -7000, churn: -2000 }),
        subscriberChurnRate: 1 / 9, grossMrrChurnRate: 9000 / 60000, netMrrChurnRate: 9000 / 60000, nrr: 51000 / 60000, grr: 51000 / 60000, quickRatio: 0 },
      { period: '2025-04', mrrStart: 51000, mrr: 49000, customersStart: 8, customers: 8, movements: sums({ churn: -4000, reactivation: 2000 }),
        subscriberChurnRate: 1 / 8, grossMrrChurnRate: 4000 / 51000, netMrrChurnRate: 2000 / 51000, nrr: 47000 / 51000, grr: 47000 / 51000, quickRatio: 0.5 },
      { period: '2025-05', mrrStart: 49000, mrr: 44000, customersStart: 8, customers: 8, movements: sums({ contraction: -5000 }),
        subscriberChurnRate: 0, grossMrrChurnRate: 5000 / 49000, netMrrChurnRate: 5000 / 49000, nrr: 44000 / 49000, grr: 44000 / 49000, quickRatio: 0 },
      quiet('2025-06', 44000, 8),
    ],
    movements: [
      ...JANUARY_MOVEMENTS,
      ['2025-02-01', 'repeating', 'new', 6000],
      ['2025-02-10', 'upgrade', 'expansion', 7000],
      ['2025-03-01', 'comeback', 'churn', -2000],
      ['2025-03-20', 'downgrade', 'contraction', -7000],
      ['2025-04-02', 'dunning', 'churn', -4000],
      ['2025-04-15', 'comeback', 'reactivation', 2000],
      ['2025-05-01', 'twoSubs', 'contraction', -5000],
    ],
  },

  /**
   * baremetrics — coupons as chartmogul; past_due churns after 30 days: dunning, past_due
   * since 1 Feb, churns on 1 Feb + 30 days = 3 Mar (unpaid on 2 Apr then changes nothing).
   * Feb: as chartmogul (55000; 0–27 days past_due still counts).
   * Mar: 55000 + 3000 − 3000 − 7000 − 4000 = 44000; customers 8 + 1 − 2 = 7.
   *      Subscriber churn 2 ÷ (8 + 1); gross = net (3000 + 7000 + 4000) ÷ 55000; NRR = GRR
   *      55000 − 7000 − 4000 = 44000 ÷ 55000; quick 3000 ÷ 14000.
   * Apr: repeating +3000, twoSubs −5000, comeback +2000: 44000; customers 8. Subscriber churn 0 ÷ 7;
   *      gross 5000 ÷ 44000; net (5000 − 3000 − 2000) ÷ 44000 = 0; NRR 42000 ÷ 44000;
   *      GRR caps repeating: 39000 ÷ 44000; quick 5000 ÷ 5000 = 1.
   */
  baremetrics: {
    months: [
      JANUARY,
      { period: '2025-02', mrrStart: 47000, mrr: 55000, customersStart: 8, customers: 8, movements: sums({ new: 3000, expansion: 7000, churn: -2000 }),
        subscriberChurnRate: 1 / 9, grossMrrChurnRate: 2000 / 47000, netMrrChurnRate: -5000 / 47000, nrr: 52000 / 47000, grr: 45000 / 47000, quickRatio: 5 },
      { period: '2025-03', mrrStart: 55000, mrr: 44000, customersStart: 8, customers: 7, movements: sums({ new: 3000, contraction: -7000, churn: -7000 }),
        subscriberChurnRate: 2 / 9, grossMrrChurnRate: 14000 / 55000, netMrrChurnRate: 14000 / 55000, nrr: 44000 / 55000, grr: 44000 / 55000, quickRatio: 3000 / 14000 },
      { period: '2025-04', mrrStart: 44000, mrr: 44000, customersStart: 7, customers: 8, movements: sums({ expansion: 3000, contraction: -5000, reactivation: 2000 }),
        subscriberChurnRate: 0, grossMrrChurnRate: 5000 / 44000, netMrrChurnRate: 0, nrr: 42000 / 44000, grr: 39000 / 44000, quickRatio: 1 },
      quiet('2025-05', 44000, 8),
      quiet('2025-06', 44000, 8),
    ],
    movements: [
      ...JANUARY_MOVEMENTS,
      ['2025-02-01', 'repeating', 'new', 3000],
      ['2025-02-10', 'upgrade', 'expansion', 7000],
      ['2025-02-15', 'comeback', 'churn', -2000],
      ['2025-03-03', 'sameMonth', 'new', 3000],
      ['2025-03-03', 'dunning', 'churn', -4000],
      ['2025-03-20', 'downgrade', 'contraction', -7000],
      ['2025-03-20', 'sameMonth', 'churn', -3000],
      ['2025-04-01', 'repeating', 'expansion', 3000],
      ['2025-04-10', 'twoSubs', 'contraction', -5000],
      ['2025-04-15', 'comeback', 'reactivation', 2000],
    ],
  },
};

import type { RevenueOptions, RevenuePolicyName } from './revenue.types.js';

/**
 * What each named policy decides, as data: the engine has one code path and reads
 * these rules, so two policies can only differ where this table says they do.
 * docs/metrics.md explains each with a worked example.
 */
export interface PolicyRules {
  /** `forever`: only forever coupons reduce MRR; `all`: time-limited ones too, until they end. */
  coupons: 'forever' | 'all';
  /** `status`: churn when the subscription becomes canceled/unpaid; `periodEnd`: a cancel churns at the end of the paid period. */
  churnAt: 'status' | 'periodEnd';
  /** A subscription cancelled within a month of starting to pay never counts. */
  ignoreCancelledWithinMonth: boolean;
  /** A subscription `past_due` this many days churns (null: past_due counts until it becomes unpaid/canceled). */
  pastDueChurnDays: number | null;
}

export const DEFAULT_PAST_DUE_CHURN_DAYS = 30;

const RULES: Record<RevenuePolicyName, PolicyRules> = {
  stripe: { coupons: 'forever', churnAt: 'status', ignoreCancelledWithinMonth: false, pastDueChurnDays: null },
  chartmogul: { coupons: 'all', churnAt: 'status', ignoreCancelledWithinMonth: false, pastDueChurnDays: null },
  profitwell: { coupons: 'forever', churnAt: 'periodEnd', ignoreCancelledWithinMonth: true, pastDueChurnDays: null },
  baremetrics: { coupons: 'all', churnAt: 'status', ignoreCancelledWithinMonth: false, pastDueChurnDays: DEFAULT_PAST_DUE_CHURN_DAYS },
};

export function policyRules(options: RevenueOptions): PolicyRules {
  const rules = RULES[options.policy];
  if (!rules) throw new RangeError(`unknown revenue policy: ${String(options.policy)}`);
  if (rules.pastDueChurnDays === null) return rules;
  const days = options.pastDueChurnDays ?? rules.pastDueChurnDays;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`pastDueChurnDays must be a whole number of days ≥ 1, got ${days}`);
  return { ...rules, pastDueChurnDays: days };
}

/** Statuses in which a subscription is paying (or owes and may still pay). */
export const COUNTING_STATUSES: ReadonlySet<string> = new Set(['active', 'past_due']);

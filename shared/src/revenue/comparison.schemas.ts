import { z } from 'zod';
import { opaqueCursor } from '../text/safeText.js';
import type { PolicyRules } from './policies.js';
import type { RevenuePolicyName } from './revenue.types.js';
import { ZRevenueDay, ZRevenueFilterSchema, ZRevenuePolicy } from './revenue.schemas.js';

/**
 * Two policies side by side (`revenue.comparePolicies`): every customer's MRR on one day
 * under policy `a` and policy `b`, the totals, and a keyset page of the customers whose
 * MRR differs, each with the rules behind the difference.
 */
export const ZRevenueComparePoliciesRequestSchema = z.strictObject({
  a: ZRevenuePolicy,
  b: ZRevenuePolicy,
  day: ZRevenueDay,
  filter: ZRevenueFilterSchema.default({}),
  /** Opaque: the last customer of the previous page. */
  cursor: opaqueCursor(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TRevenueComparePoliciesRequest = z.infer<typeof ZRevenueComparePoliciesRequestSchema>;

export type PolicyRuleName = keyof PolicyRules;

/** How people name the policies (the console's pickers, the comparison's sentences). */
export const REVENUE_POLICY_LABELS: Record<RevenuePolicyName, string> = {
  stripe: 'Stripe',
  chartmogul: 'ChartMogul',
  profitwell: 'ProfitWell',
  baremetrics: 'Baremetrics',
};

export interface TPolicyComparisonTotals {
  /** Company MRR on the day under each policy (cents), and their difference b − a. */
  mrrA: number;
  mrrB: number;
  differenceCents: number;
  /** Paying customers (MRR > 0) under each policy. */
  customersA: number;
  customersB: number;
  /** Customers whose MRR differs between the two. */
  differingCustomers: number;
}

export interface TPolicyComparisonRow {
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  mrrA: number;
  mrrB: number;
  differenceCents: number;
  /** The rules of `b` that, each swapped alone into `a`, change this customer's MRR. Empty when the stored rows are older than the history. */
  reasons: PolicyRuleName[];
  /** The same, in words: "Time-limited coupon deducted under ChartMogul, not under Stripe". */
  why: string[];
}

export interface TPolicyComparison {
  a: RevenuePolicyName;
  b: RevenuePolicyName;
  day: string;
  currency: string;
  totals: TPolicyComparisonTotals;
  rows: TPolicyComparisonRow[];
  nextCursor: string | null;
}

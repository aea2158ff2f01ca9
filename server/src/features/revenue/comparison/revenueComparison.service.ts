import { TRPCError } from '@trpc/server';
import {
  comparePoliciesAt,
  policyRules,
  REVENUE_POLICY_LABELS,
  type PolicyRuleName,
  type PolicyRules,
  type RevenueOptions,
  type TPolicyComparison,
  type TPolicyComparisonRow,
  type TRevenueComparePoliciesRequest,
} from '@opsdesk/shared';
import type { DbOrTrx } from '../../../db/database.js';
import { toSubscriptionState, withResolvedDiscounts } from '../revenueCompute.js';
import { findHistoryOfCustomers } from '../revenueHistory.queries.js';
import { findRevenueSettings } from '../revenueRows.queries.js';
import { findComparisonTotals, findDifferingCustomers, type DifferingCustomer } from './revenueComparison.queries.js';

/**
 * Two policies side by side: totals and the differing customers come from the stored
 * rows (revenueComparison.queries.ts); the "why" of each customer on the page comes from
 * the engine's comparePoliciesAt over that customer's history — at most one page of
 * customers is replayed, never the company.
 */
export async function comparePolicies(db: DbOrTrx, request: TRevenueComparePoliciesRequest): Promise<TPolicyComparison> {
  const pair = { a: request.a, b: request.b, day: request.day, filter: request.filter };
  const after = request.cursor ? decodeComparisonCursor(request.cursor) : null;
  const [settings, totals, found] = await Promise.all([findRevenueSettings(db), findComparisonTotals(db, pair), findDifferingCustomers(db, pair, after, request.limit + 1)]);
  const page = found.slice(0, request.limit);
  const options = (policy: RevenueOptions['policy']): RevenueOptions => ({ policy, currency: settings.currency, pastDueChurnDays: settings.pastDueChurnDays });
  const reasons = await reasonsFor(db, page, request.day, options(request.a), options(request.b), settings.currency);
  const rows = page.map((customer): TPolicyComparisonRow => {
    const rules = reasons.get(customer.customerId) ?? [];
    return { ...customer, differenceCents: customer.mrrB - customer.mrrA, reasons: rules, why: rules.map((rule) => describeRule(rule, options(request.a), options(request.b))) };
  });
  const last = page.at(-1);
  return { a: request.a, b: request.b, day: request.day, currency: settings.currency, totals, rows, nextCursor: found.length > request.limit && last ? encodeComparisonCursor(last.customerId) : null };
}

/** The engine's reasons per customer; a customer the engine sees no difference for (rows older than the history) gets none. */
async function reasonsFor(db: DbOrTrx, page: readonly DifferingCustomer[], day: string, a: RevenueOptions, b: RevenueOptions, currency: string): Promise<Map<string, PolicyRuleName[]>> {
  if (page.length === 0) return new Map();
  const history = await findHistoryOfCustomers(db, page.map((c) => c.customerId));
  const states = withResolvedDiscounts(history).map((row) => toSubscriptionState(row, currency));
  return new Map(comparePoliciesAt(states, day, a, b).map((difference) => [difference.customerId, difference.reasons]));
}

/** One rule in words, naming the policy that applies it: "Time-limited coupon deducted under ChartMogul, not under Stripe". */
export function describeRule(rule: PolicyRuleName, a: RevenueOptions, b: RevenueOptions): string {
  const [rulesA, rulesB] = [policyRules(a), policyRules(b)];
  const [labelA, labelB] = [REVENUE_POLICY_LABELS[a.policy], REVENUE_POLICY_LABELS[b.policy]];
  const whichHas = (test: (rules: PolicyRules) => boolean) => (test(rulesA) ? [labelA, labelB] : [labelB, labelA]);
  switch (rule) {
    case 'coupons': {
      const [deducts, ignores] = whichHas((r) => r.coupons === 'all');
      return `Time-limited coupon deducted under ${deducts}, not under ${ignores}`;
    }
    case 'churnAt': {
      const [atEnd, atOnce] = whichHas((r) => r.churnAt === 'periodEnd');
      return `Cancellation churns at the end of the paid period under ${atEnd}, at once under ${atOnce}`;
    }
    case 'ignoreCancelledWithinMonth': {
      const [ignores, counts] = whichHas((r) => r.ignoreCancelledWithinMonth);
      return `Cancelled within a month of starting to pay: never counted under ${ignores}, counted under ${counts}`;
    }
    case 'pastDueChurnDays': {
      const [churns, keeps] = whichHas((r) => r.pastDueChurnDays !== null);
      const days = rulesA.pastDueChurnDays ?? rulesB.pastDueChurnDays;
      return `past_due for more than ${days} days: churned under ${churns}, still counted under ${keeps}`;
    }
  }
}

/** The keyset: the last customer id of a page (Stripe ids: letters, digits, _ and -), base64url JSON, checked when decoded. */
const encodeComparisonCursor = (customerId: string) => Buffer.from(JSON.stringify([customerId])).toString('base64url');

function decodeComparisonCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string' && /^[\w-]{1,255}$/.test(value[0])) return value[0];
  } catch {
    // Not JSON: answered below like any other cursor the server did not hand out.
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
}
